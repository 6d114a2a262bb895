import { useMemo, useState } from 'react';
import { INVERSION_METHODS } from '../../core/images/inversion';
import { useStore } from '../../state/store';
import { type ImageInvertJob, type InversionResult } from '../../worker/protocol';
import { SelectControl } from '../controls/fields';
import { useFrameCount } from '../playground/useFrameCount';
import { Filmstrip } from './Filmstrip';
import { ImageTile } from './ImageTile';
import { IMAGE_TEX } from './imageHelp';
import { frameImages, inversionFrames } from './imageFrames';
import { RunProgress } from './RunProgress';
import { selectedImage, TestImagePicker, type TestImagePanelProps } from './TestImagePicker';
import { useImageRun } from './useImageRun';

const METHOD_LABELS: Record<string, string> = {
  ddim: 'DDIM inversion (Euler on the PF-ODE), regenerate with DDIM η = 0',
  heun: 'PF-ODE with Heun (2nd order), regenerate with Heun',
};

/** DDIM / PF-ODE inversion of a test image to noise and back, with the reconstruction error. */
export function InversionPanel(props: TestImagePanelProps) {
  const { settings: s, images, names } = props;
  const setParam = useStore((st) => st.setParam);
  const setPlayback = useStore((st) => st.setPlayback);
  const [result, setResult] = useState<{ key: string; r: InversionResult } | null>(null);
  const { height, width } = images;
  const dim = height * width;
  const image = selectedImage(props);
  const job = useMemo<ImageInvertJob>(
    () => ({
      kind: 'image-invert',
      model: s.model,
      image,
      method: s.invert,
      steps: s.steps,
      spacing: s.placement.spacing,
      shift: s.placement.shift,
      conditional: s.classChoice !== 'uncond',
    }),
    [s.model, image, s.invert, s.steps, s.placement.spacing, s.placement.shift, s.classChoice],
  );
  const key = JSON.stringify(job);
  const run = useImageRun(job, {
    onStart: () => {
      inversionFrames.reset(2 * job.steps, 1);
      setPlayback({ step: 0, playing: true });
    },
    onFrame: (step, _total, frame, info) =>
      frame.kind === 'phase' && info && inversionFrames.push({ step, info, data: frame }),
    onDone: (r) => r && setResult({ key, r }),
  });
  const count = useFrameCount(inversionFrames);
  const r = result?.key === key ? result.r : null;
  const source = images.pixels.subarray(image * dim, (image + 1) * dim);
  const latent = frameImages(inversionFrames.at(s.steps))?.xt;
  const back = r ? frameImages(inversionFrames.at(count - 1))?.xt : undefined;
  const error = back ? Float32Array.from(back, (v, i) => Math.abs(v - source[i])) : undefined;
  const tile = (
    label: string,
    values: Float32Array | undefined,
    range: [number, number],
    testId: string,
  ) => <ImageTile {...{ label, values, range, testId, height, width }} size={112} />;
  return (
    <div
      className="image-panel"
      data-testid="inversion"
      data-state={run.state}
      data-rmse={r?.rmse ?? ''}
    >
      <TestImagePicker images={images} selected={image} names={names} />
      <SelectControl
        label="Inversion"
        tex={IMAGE_TEX.inversion}
        testId="invert-select"
        value={s.invert}
        options={INVERSION_METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m] }))}
        onChange={(v) => setParam('invert', v)}
      />
      <p className="muted small">
        {s.classChoice === 'uncond'
          ? 'Unconditional model.'
          : "Conditioned on the image's own label at w = 1 (guidance above 1 makes the path much harder to invert)."}{' '}
        No x̂₀ clipping here: it would break the inverse.
      </p>
      <div className="image-row">
        {tile('source x₀', source, [-1, 1], 'invert-source')}
        {tile('inverted noise x_T', latent, [-2.5, 2.5], 'invert-latent')}
        {tile('regenerated', back, [-1, 1], 'invert-back')}
        {tile('|error| (white: 0.25 or more)', error, [0, 0.25], 'invert-error')}
      </div>
      {run.state === 'running' && count > 0 && (
        <RunProgress
          value={count - 1}
          max={2 * s.steps}
          label="inverting, then regenerating: steps done"
        />
      )}
      {r && (
        <p className="readout" data-testid="inversion-result">
          Reconstruction error: RMS {r.rmse.toPrecision(3)}, largest {r.maxError.toPrecision(3)}{' '}
          (pixel values span [−1, 1]). Inverted noise: mean {r.latentMean.toFixed(2)}, std{' '}
          {r.latentStd.toFixed(2)} <span className="muted">(a standard normal draw: 0 and 1)</span>.
        </p>
      )}
      <Filmstrip
        frames={inversionFrames}
        cell={0}
        height={height}
        width={width}
        label={`Inversion (steps 0–${s.steps}) then regeneration (${s.steps}–${2 * s.steps})`}
      />
    </div>
  );
}
