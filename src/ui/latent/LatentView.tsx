import { useState } from 'react';
import { useStore } from '../../state/store';
import { CLASS_COLORS } from '../../viz/latentPlane';
import { ImageTile } from '../images/ImageTile';
import { Playback } from '../playground/Playback';
import { useFrameCount } from '../playground/useFrameCount';
import { LatentControls } from './LatentControls';
import { LatentFrames } from './latentFrames';
import { LatentImages } from './LatentImages';
import { LatentPlane } from './LatentPlane';
import { PixelVsLatent } from './PixelVsLatent';
import { useDecoded } from './useDecoded';
import { useLatentRun } from './useLatentRun';
import './latent.css';

const NO_CLASSES: string[] = [];

/** Mean pixel of a decoded image: tests see it change as a particle is dragged. */
function meanInk(images: Float32Array): number {
  return images.reduce((a, v) => a + v, 0) / images.length;
}

/**
 * Diffusion in an autoencoder's latent space: on the 2D latents the plane (particles, the encoded
 * set by class, the decoded map; drag a particle to decode any latent) beside the decoded x_t and
 * x̂₀ grid; on the 16D latent the grid and filmstrip alone.
 */
export function LatentView() {
  const [frames] = useState(() => new LatentFrames());
  const { job, data, map } = useLatentRun(frames);
  const [selected, setSelected] = useState(0);
  const [dragged, setDragged] = useState<[number, number] | null>(null);
  const count = useFrameCount(frames.steps);
  const step = useStore((s) => Math.min(s.playback.step, Math.max(0, count - 1)));
  const runState = useStore((s) => s.runState);
  const frame = frames.steps.at(step);
  const plane = job.set !== 'fashion16';
  const sel = Math.min(selected, job.particles - 1);
  const current =
    frame && plane && 2 * sel + 1 < frame.data.x.length
      ? [frame.data.x[2 * sel], frame.data.x[2 * sel + 1]]
      : null;
  const z = dragged ?? current;
  const decoded = useDecoded(job.set, plane ? z : null);
  const select = (i: number) => {
    setSelected(i);
    setDragged(null);
  };

  return (
    <div className="view-layout">
      <LatentControls classNames={data?.classNames ?? NO_CLASSES} />
      <section
        className="view-main"
        aria-label="Latent diffusion"
        data-testid="latent-view"
        data-state={runState}
        data-frames={count}
      >
        <h2 className="panel-title">
          {plane ? 'Diffusion in a 2D latent space' : 'Diffusion in a 16D latent space'}{' '}
          <span className="muted" data-testid="latent-sigma">
            · step {step} of {frames.steps.total}
            {frame ? `, σ = ${frame.info.sigma.toPrecision(3)}, NFE ${frame.info.nfe}` : ''}
          </span>
        </h2>
        <div className={plane ? 'latent-columns' : 'latent-columns single'}>
          {plane && (
            <div className="latent-left">
              <LatentPlane
                frames={frames}
                data={data}
                map={map}
                selected={sel}
                dragged={dragged}
                onSelect={select}
                onDrag={setDragged}
              />
              {data && (
                <ul className="latent-legend" aria-label="Classes of the encoded training set">
                  {data.classNames.map((name, k) => (
                    <li key={name}>
                      <span
                        className="swatch"
                        style={{ background: CLASS_COLORS[k % CLASS_COLORS.length] }}
                      />
                      {name}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <div className="latent-right">
            {plane && data && (
              <div
                className="latent-selected"
                data-testid="latent-selected"
                data-z={z ? `${z[0].toFixed(3)},${z[1].toFixed(3)}` : ''}
                data-ink={decoded ? meanInk(decoded.images).toFixed(4) : ''}
              >
                <ImageTile
                  label={
                    z
                      ? `${dragged ? 'Dragged' : `Particle ${sel}`}: z = (${z[0].toFixed(2)}, ${z[1].toFixed(2)})`
                      : 'Select a particle'
                  }
                  values={decoded?.images}
                  range={[-1, 1]}
                  testId="latent-decoded"
                  height={data.height}
                  width={data.width}
                  size={112}
                />
                <p className="muted">
                  Press a particle on the plane to select it; drag to decode any latent. The map
                  under the plane is drawn with ink dark.
                </p>
              </div>
            )}
            {data && (
              <LatentImages
                frames={frames}
                height={data.height}
                width={data.width}
                cell={sel}
                onCell={select}
              />
            )}
          </div>
        </div>
        <Playback frames={frames.steps} />
        <PixelVsLatent />
        {data && <p className="muted">Images: {data.credit}.</p>}
      </section>
    </div>
  );
}
