import { useMemo, useState } from 'react';
import { useStore } from '../../state/store';
import type { ImageLikelihoodJob, ImageLikelihoodResult, MeanBpd } from '../../worker/protocol';
import { NumberControl } from '../controls/fields';
import { LIKELIHOOD_HELP } from './imageHelp';
import { RunProgress } from './RunProgress';
import { selectedImage, TestImagePicker, type TestImagePanelProps } from './TestImagePicker';
import { useImageRun } from './useImageRun';

/** Monte Carlo draws of x_t per image and evaluated term of the bound. */
const ELBO_SAMPLES = 1;

/** Below this many Heun steps the ODE's bpd on digits is off by more than 0.25 (docs/LIKELIHOOD.md). */
const FEW_STEPS = 25;

const interval = (m: MeanBpd) =>
  m.n > 1 ? `${m.mean.toFixed(3)} ± ${m.half.toFixed(3)}` : m.mean.toFixed(3);

/**
 * Bits per dimension of a test image and of N test images under the diffusion model: the
 * probability-flow ODE on the dequantised images (Hutchinson's divergence) and the DDPM bound
 * on the 8-bit images (docs/LIKELIHOOD.md).
 */
export function LikelihoodPanel(props: TestImagePanelProps) {
  const { settings: s, images, names } = props;
  const setParam = useStore((st) => st.setParam);
  const [progress, setProgress] = useState<{ key: string; step: number; total: number } | null>(
    null,
  );
  const [result, setResult] = useState<{ key: string; r: ImageLikelihoodResult } | null>(null);
  const image = selectedImage(props);
  const count = Math.min(s.likelihoodImages, images.count);
  const job = useMemo<ImageLikelihoodJob | null>(
    () =>
      s.flow
        ? null
        : {
            kind: 'image-likelihood',
            model: s.model,
            image,
            count,
            probes: s.probes,
            steps: s.steps,
            seed: s.seed,
            elboTerms: s.elboTerms,
            elboSamples: ELBO_SAMPLES,
          },
    [s, image, count],
  );
  const key = JSON.stringify(job);
  const run = useImageRun(job, {
    onFrame: (step, total, frame) => {
      if (frame.kind === 'bpd-progress') setProgress({ key, step, total });
    },
    onDone: (r) => r && setResult({ key, r }),
  });
  const r = result?.key === key ? result.r : null;
  const p = progress?.key === key ? progress : null;
  return (
    <div
      className="image-panel"
      data-testid="likelihood"
      data-state={run.state}
      data-bpd={r?.ode.mean ?? ''}
    >
      <TestImagePicker images={images} selected={image} names={names} />
      {s.flow && (
        <p className="model-problem" role="note" data-testid="likelihood-flow">
          {s.model} is a flow-matching model; the likelihood panel needs a diffusion model’s VP
          chain (digits, fashion).
        </p>
      )}
      <div className="inpaint-settings restore-settings">
        <NumberControl
          label="Test images N"
          testId="likelihood-n"
          value={count}
          min={1}
          max={Math.min(40, images.count)}
          step={1}
          onChange={(v) => setParam('lkn', v)}
        />
        <NumberControl
          label="Hutchinson probes"
          help={LIKELIHOOD_HELP.ode}
          tex={LIKELIHOOD_HELP.bpdTex}
          testId="likelihood-probes"
          value={s.probes}
          min={1}
          max={64}
          step={1}
          onChange={(v) => setParam('probes', v)}
        />
        <NumberControl
          label="Terms of the bound"
          help={LIKELIHOOD_HELP.elbo}
          testId="likelihood-terms"
          value={s.elboTerms}
          min={1}
          max={999}
          step={1}
          onChange={(v) => setParam('lkterms', v)}
        />
      </div>
      {!s.flow && s.steps < FEW_STEPS && (
        <p className="muted" role="note" data-testid="likelihood-few-steps">
          At {s.steps} Heun steps the ODE’s value is far from converged and too low (on digits: 1.17
          bpd at 12 steps, 2.27 at 50, 2.34 at 100); use {FEW_STEPS * 2} or more.
        </p>
      )}
      {run.state === 'running' && p && (
        <RunProgress
          value={p.step}
          max={p.total}
          label={p.step < p.total - 1 ? 'probability-flow ODE, Heun steps' : 'DDPM bound'}
        />
      )}
      {run.state === 'error' && (
        <p role="alert" className="model-problem">
          {run.error}
        </p>
      )}
      {r && (
        <table className="readout" data-testid="likelihood-result">
          <caption>
            Bits per dimension ({s.steps} Heun steps, NFE {r.nfe} with a backward pass each,{' '}
            {r.probes} probe{r.probes === 1 ? '' : 's'} per image, σ from{' '}
            {r.sigmaMin.toPrecision(2)} to {r.sigmaMax.toPrecision(3)}; bound from{' '}
            {r.terms.evaluated} of 999 terms; {(r.ms / 1000).toFixed(1)} s)
          </caption>
          <thead>
            <tr>
              <th scope="col">estimate</th>
              <th scope="col">test image {image}</th>
              <th scope="col">mean of {r.ode.n} (95% interval)</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">PF-ODE, dequantised</th>
              <td data-testid="likelihood-image-ode">{r.image.ode.toFixed(3)}</td>
              <td data-testid="likelihood-mean-ode">{interval(r.ode)}</td>
            </tr>
            <tr>
              <th scope="row">DDPM bound, 8-bit</th>
              <td>{r.image.elbo.toFixed(3)}</td>
              <td data-testid="likelihood-mean-elbo">{interval(r.elbo)}</td>
            </tr>
            <tr>
              <th scope="row">bound terms L_T + Σ L_t−1 + L_0</th>
              <td colSpan={2}>
                {r.terms.lT.toFixed(4)} + {r.terms.sum.toFixed(3)} + {r.terms.l0.toFixed(3)} (all{' '}
                {r.ode.n + 1} images)
              </td>
            </tr>
          </tbody>
        </table>
      )}
    </div>
  );
}
