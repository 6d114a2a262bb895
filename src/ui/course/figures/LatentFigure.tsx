import { useMemo, useRef, useState } from 'react';
import { latentJobFromParams, memorisedReadout } from '../../../state/latent';
import { fitScale, gridLayout, type ImageTiles } from '../../../viz/imageGrid';
import { frameImages } from '../../images/imageFrames';
import { ImageCanvas } from '../../images/ImageCanvas';
import { LatentFrames, type LatentData, type LatentMap } from '../../latent/latentFrames';
import { LatentPlane } from '../../latent/LatentPlane';
import { useFrameCount } from '../../playground/useFrameCount';
import { useWorkerClient } from '../../workerContext';
import type { LinkedFigureProps } from '../figureProps';
import { FigureStepSlider } from '../FigureStepSlider';
import { useFigureRun, type StartRun } from '../useFigureRun';
import '../../latent/latent.css';

/**
 * A compact latent view: the figure's run (set, denoiser, sampler, steps, particles, truncation)
 * on the 2D latent plane over the encoded training set and the decoded map, the decoder's images
 * of the first particles, a step slider, and once done how many samples sit on a training latent.
 */
export function LatentFigure(props: LinkedFigureProps) {
  const { chapter, spec, params, question } = props;
  const client = useWorkerClient();
  const [frames] = useState(() => new LatentFrames());
  const job = useMemo(() => latentJobFromParams(params), [params]);
  const [data, setData] = useState<LatentData | null>(null);
  const [map, setMap] = useState<LatentMap | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [selected, setSelected] = useState(0);
  const count = useFrameCount(frames.steps);

  const start: StartRun = (end) => {
    frames.reset(job.steps, job.particles, `${chapter}/${spec.id}:${Date.now()}`);
    setChosen(null);
    client.run(job, {
      onFrame: (step, total, frame, info) => {
        if (frame.kind === 'data') setData(frame);
        else if (frame.kind === 'map') setMap(frame);
        else if (info) {
          frames.steps.total = total;
          frames.images.total = total;
          frames.push(step, info, frame);
        }
      },
      onDone: end.done,
      onError: end.failed,
      onCancelled: end.cancelled,
    });
    return () => client.cancel();
  };
  const plots = useRef<HTMLDivElement>(null);
  const run = useFigureRun(`${chapter}/${spec.id}`, question, start, plots);

  const last = count - 1;
  const step = chosen === null ? Math.max(0, last) : Math.min(chosen, Math.max(0, last));
  const frame = frames.steps.at(step);
  const shown = frameImages(frames.images.at(step));
  const tiles: ImageTiles | null =
    shown && data
      ? {
          values: shown.xt,
          cells: shown.cells,
          height: data.height,
          width: data.width,
          range: [-1, 1],
        }
      : null;
  const marks = useMemo(() => ({ selected }), [selected]);
  const readout =
    run.state === 'done' && data && last >= 0
      ? memorisedReadout(frames.steps.at(last)!.data.x, data)
      : null;
  return (
    <FigureStepSlider
      figure={props}
      run={run}
      plotsRef={plots}
      kind="latent"
      legend={[
        ['latent-particles', 'particles z_t'],
        ['classes', 'encoded training latents, by class'],
      ]}
      last={last}
      step={step}
      total={Math.max(0, frames.steps.total)}
      detail={frame && ` · σ = ${frame.info.sigma.toPrecision(3)}`}
      onStep={setChosen}
    >
      <div className="course-latent">
        <LatentPlane
          frames={frames}
          data={data}
          map={map}
          selected={selected}
          dragged={null}
          onSelect={setSelected}
          onDrag={() => {}}
          step={step}
        />
        <div>
          <h4 className="panel-title">Decoded, first {shown?.cells ?? 16} particles</h4>
          {tiles && (
            <ImageCanvas
              tiles={tiles}
              marks={marks}
              scale={fitScale(tiles.cells, tiles.height, tiles.width, 240)}
              cols={gridLayout(tiles.cells).cols}
              label={`The decoder's images of the first ${tiles.cells} particles' latents at step ${step}`}
              testId={`figure-${chapter}-${spec.id}-decoded`}
              onCell={setSelected}
            />
          )}
        </div>
      </div>
      <p className="muted" data-testid="figure-memorised" data-on={readout?.onLatent ?? ''}>
        {readout
          ? `${readout.onLatent} of ${readout.count} samples within 10⁻⁴ of an encoded training latent; distance to the nearest: median ${readout.median.toPrecision(2)}, largest ${readout.farthest.toPrecision(2)}.`
          : ' '}
      </p>
    </FigureStepSlider>
  );
}
