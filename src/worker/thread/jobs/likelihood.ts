import { getDataset, sampleDataset } from '../../../core/data';
import { ddpmElbo } from '../../../core/lab/elbo';
import {
  exactDivergenceModel,
  logDensityGrid,
  negativeLogLikelihood,
  type LikelihoodOptions,
} from '../../../core/lab/likelihood';
import { gridPoints } from '../../../core/metrics/squareGrid';
import type { DiscreteVPSchedule } from '../../../core/schedules/discreteVP';
import { cachedExactModel, makeProcess } from '../../../core/scene/build';
import { HELD_OUT_SEED, type LikelihoodFrame, type LikelihoodJob } from '../../protocol/lab';
import type { JobContext } from './context';
import { yieldToMessages } from './context';

/**
 * Below about this σ the exact model of a point set is a sum of separate bumps: its log-density
 * between points falls to −10⁵ nats and the ODE needs ~10⁴ evaluations per point (measured:
 * swissroll at σ_min = 0.002), so point-set data sets default to this floor.
 */
export const EMPIRICAL_SIGMA_MIN = 0.05;

function defaultSigmaMin(dataset: string, processSigmaMin: number): number {
  return getDataset(dataset).mixture
    ? processSigmaMin
    : Math.max(processSigmaMin, EMPIRICAL_SIGMA_MIN);
}

/**
 * The likelihood view on the exact model (float64): model log p by the probability-flow ODE on
 * the grid a few rows per frame, then the exact log p_σmin on the grid, the held-out NLL (ODE
 * and exact), and on the discrete VP process the DDPM bound per t. Frame layouts in
 * protocol/lab.ts; stops between frames once cancelled. Resolves to the model log p on the grid.
 */
export async function runLikelihood(
  job: LikelihoodJob,
  ctx: JobContext<LikelihoodFrame>,
): Promise<Float32Array> {
  const s = job.settings;
  const process = makeProcess(s);
  const exact = cachedExactModel(s.dataset);
  const model = exactDivergenceModel(s.dataset);
  const options: LikelihoodOptions = {
    sigmaMin: job.sigmaMin ?? defaultSigmaMin(s.dataset, process.sigma(process.tMin)),
    sigmaMax: process.sigma(process.tMax),
    rtol: job.tolerance,
    atol: job.tolerance,
  };
  const grid = { size: job.gridSize, extent: job.extent };
  const total = Math.ceil(job.gridSize / job.rowsPerFrame) + 3;
  const info = (nfe: number, ms: number) => ({
    sigma: options.sigmaMin,
    t: process.tOfSigma(options.sigmaMin),
    scale: 1,
    nfe,
    ms,
    extent: job.extent,
    lane: 0,
  });
  const out = new Float32Array(job.gridSize * job.gridSize);
  let step = 0;
  let nfe = 0;
  const chunks = logDensityGrid(model, grid, options, job.rowsPerFrame);
  for (;;) {
    if (ctx.isCancelled()) {
      chunks.return(new Float64Array(0));
      return new Float32Array(0);
    }
    const t0 = performance.now();
    const next = chunks.next();
    if (next.done) break;
    const c = next.value;
    out.set(c.logp, c.rowStart * job.gridSize);
    nfe += c.nfe;
    ctx.emit(
      step++,
      total,
      { kind: 'rows', ...c, logp: Float32Array.from(c.logp) },
      info(nfe, performance.now() - t0),
    );
    ctx.progress(
      'compute',
      `log-density: ${c.rowStart + c.rows} of ${job.gridSize} rows`,
      c.fraction,
    );
    await yieldToMessages();
  }

  ctx.emit(step++, total, {
    kind: 'exact',
    logp: Float32Array.from(exact.logDensity(gridPoints(grid), options.sigmaMin)),
  });
  if (ctx.isCancelled()) return new Float32Array(0);
  const heldOut = sampleDataset(s.dataset, job.heldOutPoints, HELD_OUT_SEED);
  const ode = negativeLogLikelihood(model, heldOut, options);
  const odeExactPrior = negativeLogLikelihood(model, heldOut, {
    ...options,
    logPrior: (x, sigma) => exact.logDensity(x, sigma),
  });
  const exactLogp = exact.logDensity(heldOut, options.sigmaMin);
  const nll = { ode: ode.nll, exact: -exactLogp.reduce((a, b) => a + b, 0) / exactLogp.length };
  ctx.emit(step++, total, {
    kind: 'nll',
    ...nll,
    points: job.heldOutPoints,
    sigmaMin: options.sigmaMin,
    sigmaMax: options.sigmaMax,
    tolerance: job.tolerance,
    nfe: ode.nfe,
    odeExactPrior: odeExactPrior.nll,
  });
  await yieldToMessages();

  if (s.process === 'vp-discrete' && job.elboPoints > 0 && !ctx.isCancelled()) {
    ctx.progress('compute', 'DDPM bound: L_T, L_t, L_0', 1);
    const terms = ddpmElbo(
      exact.denoise,
      sampleDataset(s.dataset, job.elboPoints, HELD_OUT_SEED),
      process as DiscreteVPSchedule,
      { samples: job.elboSamples, seed: s.seed },
    );
    ctx.emit(step, total, {
      kind: 'elbo',
      lT: terms.lT,
      l0: terms.l0,
      total: terms.total,
      steps: terms.lt.length + 1,
      lt: Float32Array.from(terms.lt),
    });
  }
  return out;
}
