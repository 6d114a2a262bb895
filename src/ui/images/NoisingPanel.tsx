import { useMemo, useState } from 'react';
import { useStore } from '../../state/store';
import type { FrameInfo, ImageFrame, ImageNoiseJob } from '../../worker/protocol';
import { NumberControl } from '../controls/fields';
import { Tip } from '../controls/Tip';
import { ImageTile } from './ImageTile';
import { IMAGE_TEX } from './imageHelp';
import { selectedImage, TestImagePicker, type TestImagePanelProps } from './TestImagePicker';
import { useImageRun } from './useImageRun';

type NoiseFrame = Extract<ImageFrame, { kind: 'noise' }>;

/** Forward noising of a test image with a t scrubber: x_t, the noise, and the model's x̂0 and ε̂ at t. */
export function NoisingPanel(props: TestImagePanelProps) {
  const { settings: s, images, names } = props;
  const setParam = useStore((st) => st.setParam);
  const [shown, setShown] = useState<{ key: string; frame: NoiseFrame; info: FrameInfo } | null>(
    null,
  );
  const image = selectedImage(props);
  const job = useMemo<ImageNoiseJob>(
    () => ({
      kind: 'image-noise',
      model: s.model,
      image,
      t: s.t,
      seed: s.seed,
      guidance: s.guidance,
      conditional: s.classChoice !== 'uncond',
    }),
    [s.model, image, s.t, s.seed, s.guidance, s.classChoice],
  );
  const key = JSON.stringify(job);
  const run = useImageRun(job, {
    onFrame: (_step, _total, frame, info) =>
      frame.kind === 'noise' && info && setShown({ key, frame, info }),
  });
  const { height, width } = images;
  const panel = (
    label: string,
    values: Float32Array | undefined,
    range: [number, number],
    testId: string,
  ) => <ImageTile {...{ label, values, range, testId, height, width }} size={128} />;
  const f = shown?.frame;
  const info = shown?.info;
  return (
    <div
      className="image-panel"
      data-testid="noising"
      data-state={run.state}
      data-current={shown?.key === key ? 1 : 0}
    >
      <TestImagePicker images={images} selected={image} names={names} />
      <div className="forward-slider">
        <NumberControl
          label={
            s.flow
              ? 'Interpolation time t (0: the image, 1: pure noise)'
              : 'Noise level t (fraction of the 1000 training steps)'
          }
          tex={s.flow ? IMAGE_TEX.flowNoising : IMAGE_TEX.noising}
          testId="image-t-input"
          value={s.t}
          min={0}
          max={1}
          step={0.01}
          onChange={(v) => setParam('t', v)}
        />
      </div>
      <div className="image-row">
        {panel('x_t (noised image)', f?.xt, [-1, 1], 'noise-xt')}
        {panel('ε (the noise added)', f?.eps, [-2.5, 2.5], 'noise-eps')}
        {panel('x̂₀ (model estimate)', f?.x0, [-1, 1], 'noise-x0')}
        {panel('ε̂ (model estimate)', f?.epsHat, [-2.5, 2.5], 'noise-epshat')}
        {s.flow && panel('v̂ = ε̂ − x̂₀ (velocity)', f?.vHat, [-3, 3], 'noise-vhat')}
      </div>
      {f && info && (
        <p className="readout" data-testid="noising-readout">
          t = {s.flow ? info.t.toFixed(3) : info.t.toFixed(1)}, σ = {info.sigma.toPrecision(3)},{' '}
          {s.flow ? '1 − t' : '√ᾱ'} = {info.scale.toPrecision(3)} · MSE(x̂₀, x₀) ={' '}
          {f.mseX0.toPrecision(3)} · MSE(ε̂, ε) = {f.mseEps.toPrecision(3)}
          {s.flow && <> · MSE(v̂, ε − x₀) = {f.mseV.toPrecision(3)}</>}{' '}
          <Tip>
            {s.classChoice === 'uncond'
              ? 'Unconditional model.'
              : `Conditioned on the image's own label with guidance w = ${s.guidance}.`}{' '}
            Noise ε is the seed's x_T stream, so the same seed gives the same noise here and in cell
            0 of the grid.
          </Tip>
        </p>
      )}
    </div>
  );
}
