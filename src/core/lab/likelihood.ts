import { getDataset } from '../data';
import { EXACT_POINT_COUNT, EXACT_SEED } from '../data/exact';
import {
  empiricalDivergenceModel,
  mixtureDivergenceModel,
  type DivergenceModel,
} from '../denoisers/divergence';
import { checkSquareGrid, gridPoints, type SquareGrid } from '../metrics/squareGrid';
import { dopri5 } from './dopri5';

export interface LikelihoodOptions {
  sigmaMin: number;
  sigmaMax: number;
  /** Dormand–Prince tolerances on the augmented state (x, ∫∇·f); default 1e-6 each. */
  rtol?: number;
  atol?: number;
  /**
   * log p at σ_max of the ODE's end point. Default: the samplers' prior N(0, σ_max²I), which
   * makes the result the density of the generative model the sampler runs (x_T = σ_max·z
   * pushed through the ODE), not the exact p_σmin.
   */
  logPrior?: (x: Float64Array, sigmaMax: number) => Float64Array;
}

export interface LogDensity {
  /** log p_σmin(x) per point, in nats, in k-diffusion coordinates (x = x0 + σ_min·ε). */
  logp: Float64Array;
  /** Mean model evaluations per point (each point is solved with its own steps). */
  nfe: number;
  sigmaMin: number;
  sigmaMax: number;
  rtol: number;
  atol: number;
}

/** log N(x; 0, σ²I) per point. */
export function gaussianLogPrior(x: Float64Array, sigma: number, dim = 2): Float64Array {
  const out = new Float64Array(x.length / dim);
  const norm = (dim / 2) * Math.log(2 * Math.PI * sigma * sigma);
  for (let p = 0; p < out.length; p++) {
    let r2 = 0;
    for (let c = 0; c < dim; c++) r2 += x[p * dim + c] ** 2;
    out[p] = -r2 / (2 * sigma * sigma) - norm;
  }
  return out;
}

/**
 * Log-density by the probability-flow ODE and the instantaneous change of variables
 * (Chen et al. 2018, Neural ODEs, Theorem 1; Song et al. 2021, score SDE, Appendix D.2).
 * With f = dx/dσ = (x − D)/σ, along a trajectory d log p_σ(x(σ))/dσ = −∇·f, so
 *   log p_σmin(x(σ_min)) = log p_σmax(x(σ_max)) + ∫_{σmin}^{σmax} ∇·f dσ,
 * with ∇·f = (d − ∇·D)/σ exact (DivergenceModel). Integrated in u = log σ, where the
 * augmented state moves by dx/du = x − D and d(∫∇·f)/du = d − ∇·D, both O(1).
 */
export function odeLogDensity(
  model: DivergenceModel,
  x: Float64Array,
  options: LikelihoodOptions,
): LogDensity {
  const { sigmaMin, sigmaMax } = options;
  const rtol = options.rtol ?? 1e-6;
  const atol = options.atol ?? 1e-6;
  if (!(sigmaMax > sigmaMin && sigmaMin > 0))
    throw new Error(`odeLogDensity: need σ_max > σ_min > 0, got ${sigmaMax}, ${sigmaMin}`);
  const d = model.dim;
  const n = x.length / d;
  if (!Number.isInteger(n))
    throw new Error(`odeLogDensity: length ${x.length} is not a multiple of ${d}`);
  // The augmented state of one point: (x, ∫∇·f). Each point gets its own step sizes: points
  // in empty regions cross sharp posterior switches and would otherwise slow every other point.
  const field = (u: number, y: Float64Array) => {
    const { denoised, divergence } = model.evaluate(y.subarray(0, d), Math.exp(u));
    const dy = new Float64Array(d + 1);
    for (let c = 0; c < d; c++) dy[c] = y[c] - denoised[c];
    dy[d] = d - divergence[0];
    return dy;
  };
  const end = new Float64Array(n * d);
  const integral = new Float64Array(n);
  let nfe = 0;
  for (let p = 0; p < n; p++) {
    const y0 = new Float64Array(d + 1);
    y0.set(x.subarray(p * d, (p + 1) * d));
    const solved = dopri5(field, y0, Math.log(sigmaMin), Math.log(sigmaMax), { rtol, atol });
    end.set(solved.y.subarray(0, d), p * d);
    integral[p] = solved.y[d];
    nfe += solved.nfe;
  }
  const prior = options.logPrior
    ? options.logPrior(end, sigmaMax)
    : gaussianLogPrior(end, sigmaMax, d);
  return {
    logp: prior.map((v, p) => v + integral[p]),
    nfe: nfe / n,
    sigmaMin,
    sigmaMax,
    rtol,
    atol,
  };
}

export interface GridChunk {
  /** First grid row of this chunk and its log-densities, rows × G, row-major (metrics/squareGrid). */
  rowStart: number;
  rows: number;
  logp: Float64Array;
  nfe: number;
  fraction: number;
}

/**
 * log p on a G×G grid (metrics/squareGrid layout), a few rows at a time so the caller can
 * report progress and stop between chunks; returns the whole grid.
 */
export function* logDensityGrid(
  model: DivergenceModel,
  grid: SquareGrid,
  options: LikelihoodOptions,
  rowsPerChunk = 8,
): Generator<GridChunk, Float64Array> {
  checkSquareGrid(grid, 'logDensityGrid');
  const G = grid.size;
  const all = gridPoints(grid);
  const out = new Float64Array(G * G);
  for (let rowStart = 0; rowStart < G; rowStart += rowsPerChunk) {
    const rows = Math.min(rowsPerChunk, G - rowStart);
    const result = odeLogDensity(
      model,
      all.subarray(2 * rowStart * G, 2 * (rowStart + rows) * G),
      options,
    );
    out.set(result.logp, rowStart * G);
    yield { rowStart, rows, logp: result.logp, nfe: result.nfe, fraction: (rowStart + rows) / G };
  }
  return out;
}

/** Negative log-likelihood of held-out points in nats per point (mean of −log p). */
export function negativeLogLikelihood(
  model: DivergenceModel,
  data: Float64Array,
  options: LikelihoodOptions,
): { nll: number; nfe: number } {
  const { logp, nfe } = odeLogDensity(model, data, options);
  return { nll: -logp.reduce((a, b) => a + b, 0) / logp.length, nfe };
}

/** The divergence model behind data set `id`'s exact model: the same mixture or point set as data/exact.ts. */
export function exactDivergenceModel(id: string): DivergenceModel {
  const dataset = getDataset(id);
  if (dataset.mixture) return mixtureDivergenceModel(dataset.mixture);
  return empiricalDivergenceModel(dataset.sample(EXACT_POINT_COUNT, EXACT_SEED));
}
