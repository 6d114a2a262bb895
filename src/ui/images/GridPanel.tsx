import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ImageSettings } from '../../state/images';
import { useStore } from '../../state/store';
import { fitScale, gridLayout, type ImageTiles } from '../../viz/imageGrid';
import type {
  ClassChoice,
  ImageGridJob,
  LoadedImages,
  QualityReadout as Quality,
} from '../../worker/protocol';
import { Playback } from '../playground/Playback';
import { useFrameCount } from '../playground/useFrameCount';
import { exportGif, exportPng } from './exports';
import { Filmstrip } from './Filmstrip';
import { ImageCanvas } from './ImageCanvas';
import { frameImages, gridFrames } from './imageFrames';
import { QualityReadout } from './QualityReadout';
import { RunProgress } from './RunProgress';
import { useImageRun } from './useImageRun';

/** The class each cell asked for, or null for unconditional cells. */
function requestedClass(choice: ClassChoice, cell: number, classes: number): number | null {
  if (choice === 'uncond') return null;
  return choice === 'all' ? cell % classes : choice;
}

/** The sample grid: x_t and x̂0 of every cell as they denoise, playback, filmstrip, quality, export. */
export function GridPanel({
  settings: s,
  images,
  classifier,
}: {
  settings: ImageSettings;
  images: LoadedImages;
  classifier: string | null;
}) {
  const setParam = useStore((st) => st.setParam);
  const setPlayback = useStore((st) => st.setPlayback);
  const [quality, setQuality] = useState<{ key: string; q: Quality } | null>(null);
  const [focused, setFocused] = useState<number | null>(null);
  /** Arrival times of the run's first and latest step frames, for the per-step wall time. */
  const arrivals = useRef({ first: 0, last: 0, steps: 0 });
  const [timing, setTiming] = useState<{ key: string; wallMs: number } | null>(null);
  const job = useMemo<ImageGridJob>(
    () => ({
      kind: 'image-grid',
      model: s.model,
      sampler: s.sampler,
      samplerParams: s.samplerParams,
      steps: s.steps,
      spacing: s.placement.spacing,
      shift: s.placement.shift,
      seed: s.seed,
      guide: s.guide,
      guidance: s.guidance,
      clipX0: s.clipX0,
      classChoice: s.classChoice,
      count: s.count,
      quality: images.hasClassifier,
    }),
    [
      s.model,
      s.sampler,
      s.samplerParams,
      s.steps,
      s.placement.spacing,
      s.placement.shift,
      s.seed,
      s.guide,
      s.guidance,
      s.clipX0,
      s.classChoice,
      s.count,
      images.hasClassifier,
    ],
  );
  const key = JSON.stringify(job);
  const run = useImageRun(job, {
    onStart: () => {
      gridFrames.reset(job.steps, job.count);
      setPlayback({ step: 0, playing: true });
    },
    onFrame: (step, _total, frame, info) => {
      if (frame.kind === 'step' && info) {
        gridFrames.push({ step, info, data: frame });
        const now = performance.now();
        if (step === 0) arrivals.current = { first: now, last: now, steps: 0 };
        else arrivals.current = { ...arrivals.current, last: now, steps: step };
      } else if (frame.kind === 'quality') setQuality({ key, q: frame });
    },
    onDone: () => {
      const a = arrivals.current;
      if (a.steps > 0) setTiming({ key, wallMs: (a.last - a.first) / a.steps });
    },
  });
  const wallMs = timing?.key === key ? timing.wallMs : null;
  const backend = useStore((st) => st.backend?.id ?? '');
  const passes =
    s.guide === 'classifier' || s.classChoice === 'uncond' || s.guidance === 0 || s.guidance === 1
      ? 1
      : 2;
  const count = useFrameCount(gridFrames);
  const step = useStore((st) => Math.min(st.playback.step, Math.max(0, count - 1)));
  const frame = gridFrames.at(step);
  const shown = useMemo(() => frameImages(frame), [frame]);
  const { height, width, classes } = images;
  const cols = gridLayout(s.count).cols;
  const scale = fitScale(s.count, height, width, 300);
  // Memoised so that re-renders without a new frame or mark do not redraw the canvases.
  const [xtTiles, x0Tiles] = useMemo(() => {
    const tiles = (values: Float32Array | null | undefined): ImageTiles | null =>
      values && shown ? { values, cells: shown.cells, height, width, range: [-1, 1] } : null;
    return [tiles(shown?.xt), tiles(shown?.x0)];
  }, [shown, height, width]);
  const q = quality?.key === key ? quality.q : null;
  const last = count > 0 && step === count - 1 && run.state === 'done';
  const cell = Math.min(s.cell, s.count - 1);
  const { classChoice } = s;
  const marks = useMemo(() => {
    const labels =
      q && last
        ? Array.from(q.predicted, (p, i) => {
            const want = requestedClass(classChoice, i, classes);
            return { text: String(p), good: want === null || want === p };
          })
        : undefined;
    return { selected: cell, focused, labels };
  }, [q, last, classChoice, classes, cell, focused]);
  const x0Marks = useMemo(() => ({ selected: cell }), [cell]);
  const select = (c: number) => setParam('cell', c);
  const onKeyDown = (e: KeyboardEvent) => {
    const at = focused ?? cell;
    const move: Record<string, number> = {
      ArrowLeft: -1,
      ArrowRight: 1,
      ArrowUp: -cols,
      ArrowDown: cols,
    };
    if (e.key in move) setFocused(Math.max(0, Math.min(s.count - 1, at + move[e.key])));
    else if (e.key === 'Enter' || e.key === ' ') select(at);
    else return;
    e.preventDefault();
  };
  const name = `${s.model}-${s.sampler}-seed${s.seed}`;
  return (
    <div
      className="image-panel"
      data-testid="image-grid"
      data-state={run.state}
      data-cells={s.count}
      data-sampler={s.sampler}
      data-frames={count}
    >
      <div className="image-pair">
        <figure>
          <figcaption>
            Samples x<sub>t</sub>{' '}
            <span className="muted">(click or Enter: open a cell's filmstrip)</span>
          </figcaption>
          <ImageCanvas
            tiles={xtTiles}
            marks={marks}
            scale={scale}
            cols={cols}
            label="Sample grid: the state x_t of every cell at the playback step"
            testId="grid-xt"
            onCell={select}
            onKeyDown={onKeyDown}
          />
        </figure>
        <figure>
          <figcaption>
            x̂<sub>0</sub> estimates <span className="muted">(what each cell is heading for)</span>
          </figcaption>
          <ImageCanvas
            tiles={x0Tiles}
            marks={x0Marks}
            scale={scale}
            cols={cols}
            label="x̂₀ estimate of every cell at the playback step"
            testId="grid-x0"
            onCell={select}
          />
        </figure>
      </div>
      <Playback frames={gridFrames} />
      {run.state === 'running' && count > 0 && (
        <RunProgress value={count - 1} max={s.steps} label="sampling, steps done" />
      )}
      {wallMs !== null && (
        <p
          className="readout muted"
          data-testid="grid-timing"
          data-step-ms={wallMs.toFixed(1)}
          data-backend={backend}
        >
          {s.count} image{s.count === 1 ? '' : 's'} × {passes} network pass
          {passes === 1 ? '' : 'es'}
          {s.guide === 'classifier' ? ' and the classifier’s gradient' : ''} per evaluation:{' '}
          {wallMs.toFixed(0)} ms per step on {backend} (wall time between frames, read-back
          included)
        </p>
      )}
      <div className="export-row">
        <button
          type="button"
          data-testid="export-png"
          disabled={!shown}
          onClick={() =>
            shown &&
            exportPng(
              { values: shown.xt, cells: shown.cells, height, width, range: [-1, 1] },
              cols,
              6,
              `${name}.png`,
            )
          }
        >
          Save grid as PNG
        </button>
        <button
          type="button"
          data-testid="export-gif"
          disabled={run.state !== 'done'}
          onClick={() =>
            exportGif(
              Array.from({ length: count }, (_, i) => frameImages(gridFrames.at(i)))
                .filter((f) => f !== null)
                .map((f) => ({
                  values: f.xt,
                  cells: f.cells,
                  height,
                  width,
                  range: [-1, 1] as const,
                })),
              cols,
              3,
              `${name}-denoising.gif`,
            )
          }
        >
          Save denoising as GIF
        </button>
      </div>
      {q && classifier && (
        <QualityReadout
          quality={q}
          classifier={classifier}
          classes={classes}
          conditional={s.classChoice !== 'uncond'}
        />
      )}
      {!images.hasClassifier && (
        <p className="muted">No classifier ships for this model, so there is no quality readout.</p>
      )}
      <Filmstrip
        frames={gridFrames}
        cell={cell}
        height={height}
        width={width}
        label={`Cell ${cell}`}
      />
    </div>
  );
}
