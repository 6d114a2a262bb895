import { useMemo, useState } from 'react';
import { decodeMask, encodeMask, presetMask } from '../../core/images/mask';
import { useStore } from '../../state/store';
import type { FrameInfo, ImageInpaintJob, StepImages } from '../../worker/protocol';
import { NumberControl } from '../controls/fields';
import { ImageCanvas } from './ImageCanvas';
import { IMAGE_TEX } from './imageHelp';
import { MaskPainter } from './MaskPainter';
import { selectedImage, TestImagePicker, type TestImagePanelProps } from './TestImagePicker';
import { useImageRun } from './useImageRun';

/** Fills sampled side by side, to show the spread of completions. */
const FILLS = 4;

interface Progress {
  key: string;
  move: number;
  total: number;
  forward: boolean;
  info: FrameInfo;
  images: StepImages;
  x0: Float32Array | null;
}

/** RePaint inpainting of a test image: paint a mask, watch the fills resample step by step. */
export function InpaintPanel(props: TestImagePanelProps) {
  const { settings: s, images, names } = props;
  const setParam = useStore((st) => st.setParam);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [kept, setKept] = useState<{ key: string; error: number } | null>(null);
  const { height, width } = images;
  const dim = height * width;
  const image = selectedImage(props);
  const source = images.pixels.subarray(image * dim, (image + 1) * dim);
  const decoded = useMemo(() => (s.mask ? decodeMask(s.mask, dim) : null), [s.mask, dim]);
  const mask = useMemo(
    () => decoded ?? presetMask('right', height, width),
    [decoded, height, width],
  );
  const job = useMemo<ImageInpaintJob>(
    () => ({
      kind: 'image-inpaint',
      model: s.model,
      image,
      keep: Array.from(mask, (m) => 1 - m),
      count: FILLS,
      steps: s.steps,
      spacing: s.placement.spacing,
      shift: s.placement.shift,
      jumpLength: Math.min(s.jump, s.steps),
      resamples: s.resample,
      seed: s.seed,
      guidance: s.guidance,
      conditional: s.classChoice !== 'uncond',
      clipX0: s.clipX0,
    }),
    [
      s.model,
      image,
      mask,
      s.steps,
      s.placement.spacing,
      s.placement.shift,
      s.jump,
      s.resample,
      s.seed,
      s.guidance,
      s.classChoice,
      s.clipX0,
    ],
  );
  const key = JSON.stringify(job);
  const run = useImageRun(job, {
    onFrame: (move, total, frame, info) => {
      if (frame.kind !== 'move' || !info) return;
      setProgress((p) => ({
        key,
        move,
        total,
        forward: frame.forward,
        info,
        images: { ...frame, xt: frame.xt.slice(), x0: null },
        x0: frame.x0 ? frame.x0.slice() : p?.key === key ? p.x0 : null,
      }));
    },
    onDone: (result) => result && setKept({ key, error: result.maxKeptError }),
  });
  const p = progress?.key === key ? progress : null;
  const keptError = kept?.key === key ? kept.error : null;
  const row = (values: Float32Array | null | undefined, label: string, testId: string) => (
    <figure>
      <figcaption>{label}</figcaption>
      <ImageCanvas
        tiles={values ? { values, cells: FILLS, height, width, range: [-1, 1] } : null}
        cols={FILLS}
        scale={Math.floor(96 / width)}
        label={label}
        testId={testId}
      />
    </figure>
  );
  const mismatch = s.mask !== '' && !decoded;
  return (
    <div
      className="image-panel"
      data-testid="inpaint"
      data-state={run.state}
      data-max-kept-error={keptError ?? ''}
    >
      <TestImagePicker images={images} selected={image} names={names} />
      <div className="inpaint-layout">
        <MaskPainter
          source={source}
          height={height}
          width={width}
          mask={mask}
          onCommit={(m) => setParam('mask', encodeMask(m))}
        />
        <div className="inpaint-settings">
          <NumberControl
            label="Jump length j"
            tex={IMAGE_TEX.jump}
            testId="jump-input"
            value={s.jump}
            min={1}
            max={50}
            step={1}
            onChange={(v) => setParam('jump', v)}
          />
          <NumberControl
            label="Resampling count r"
            tex={IMAGE_TEX.jump}
            testId="resample-input"
            value={s.resample}
            min={1}
            max={20}
            step={1}
            onChange={(v) => setParam('resample', v)}
          />
          <p className="muted small">
            RePaint (Lugmayr et al. 2022) with DDPM reverse steps: each step keeps the source,
            noised to the step's level, outside the mask; every j steps it goes back up j levels by
            the forward process, r − 1 times, so the two regions can agree. r = 1 is plain
            replacement.{' '}
            {mismatch && 'The mask in the link does not fit this model; using the right half.'}
          </p>
        </div>
      </div>
      {p && (
        <div className="progress-line" data-testid="inpaint-progress">
          <progress max={p.total} value={p.move} aria-label="RePaint progress" /> move {p.move} /{' '}
          {p.total}
          {p.move > 0 && (p.forward ? ' (forward: re-noising)' : ' (reverse step)')}, σ ={' '}
          {p.info.sigma.toPrecision(3)}, NFE {p.info.nfe}
        </div>
      )}
      {row(p?.images.xt, `${FILLS} fills: x_t`, 'inpaint-xt')}
      {row(p?.x0, 'their latest x̂₀ estimates', 'inpaint-x0')}
      {keptError !== null && (
        <p className="readout" data-testid="inpaint-result">
          Done. Outside the mask the fills equal the source: largest difference{' '}
          {keptError === 0 ? '0 (exact)' : keptError.toExponential(2)}.
        </p>
      )}
    </div>
  );
}
