import { useMemo } from 'react';
import type { FrameBuffer } from '../../state/frames';
import type { ImageFrame } from '../../worker/protocol';
import { useStore } from '../../state/store';
import type { ImageTiles } from '../../viz/imageGrid';
import { useFrameCount } from '../playground/useFrameCount';
import { ImageCanvas } from './ImageCanvas';
import { frameImages, shortSigma } from './imageFrames';

/**
 * One cell's x_t (top row) and x̂0 (bottom row) at every step of the run in `frames`, with σ above
 * each column; the playback step is outlined. Click a column or use ←/→ to move the playback.
 */
export function Filmstrip({
  frames,
  cell,
  height,
  width,
  label,
}: {
  frames: FrameBuffer<ImageFrame>;
  cell: number;
  height: number;
  width: number;
  label: string;
}) {
  const count = useFrameCount(frames);
  const step = useStore((s) => Math.min(s.playback.step, Math.max(0, count - 1)));
  const setPlayback = useStore((s) => s.setPlayback);
  const strip = useMemo(() => {
    const dim = height * width;
    const values = new Float32Array(2 * count * dim).fill(NaN);
    const captions: string[] = [];
    for (let i = 0; i < count; i++) {
      const frame = frames.at(i);
      const images = frameImages(frame);
      captions.push(frame ? shortSigma(frame.info.sigma) : '');
      if (!images || cell >= images.cells) continue;
      values.set(images.xt.subarray(cell * dim, (cell + 1) * dim), i * dim);
      if (images.x0)
        values.set(images.x0.subarray(cell * dim, (cell + 1) * dim), (count + i) * dim);
    }
    const tiles: ImageTiles = { values, cells: 2 * count, height, width, range: [-1, 1] };
    return { tiles, captions };
  }, [frames, count, cell, height, width]);
  const marks = useMemo(() => ({ selected: step, columnCaptions: strip.captions }), [step, strip]);
  const frame = frames.at(step);
  const go = (s: number) =>
    setPlayback({ step: Math.max(0, Math.min(count - 1, s)), playing: false });
  if (count === 0) return null;
  return (
    <figure className="filmstrip" data-testid="filmstrip" data-cell={cell} data-frames={count}>
      <figcaption>
        {label} <span className="muted">top: x_t, bottom: x̂₀ estimate; σ above each step</span>
      </figcaption>
      <div className="filmstrip-scroll">
        <ImageCanvas
          tiles={strip.tiles}
          marks={marks}
          reveal={step}
          cols={count}
          scale={width <= 16 ? 3 : 2}
          captionHeight={14}
          label={`${label}: x_t and x̂₀ at every step`}
          onCell={(c) => go(c % count)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowLeft') go(step - 1);
            else if (e.key === 'ArrowRight') go(step + 1);
            else return;
            e.preventDefault();
          }}
        />
      </div>
      {frame && (
        <p className="filmstrip-readout" data-testid="filmstrip-readout">
          step {step}: σ = {frame.info.sigma.toPrecision(3)}, t = {frame.info.t.toPrecision(3)}, NFE{' '}
          {frame.info.nfe}
        </p>
      )}
    </figure>
  );
}
