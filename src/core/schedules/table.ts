import type { Process } from './process';

/** A Process sampled on a grid of times, for plotting (one entry per time, ascending t). */
export interface ScheduleTable {
  t: Float64Array;
  /** ᾱ(t) = s(t)²: the signal power kept. */
  alphaBar: Float64Array;
  /** σ(t) of the EDM form x_t = s(t)(x0 + σ(t)ε) (k-diffusion's σ). */
  sigma: Float64Array;
  /** Marginal std of x_t given x0: s(t)·σ(t). */
  marginalStd: Float64Array;
  /** log SNR = log(s² / (s²σ²)) = −2 log σ. */
  logSNR: Float64Array;
  /** β(t) = g(t)², the squared diffusion coefficient (per unit of this process' t). */
  beta: Float64Array;
}

export interface ScheduleTableOptions {
  /** 'linear' (default) or 'log' spacing in t; 'log' suits processes like EDM where t spans decades. */
  spacing?: 'linear' | 'log';
}

/** Sample a process at `points` times from tMin to tMax inclusive. */
export function scheduleTable(
  process: Process,
  points = 200,
  options: ScheduleTableOptions = {},
): ScheduleTable {
  if (!Number.isInteger(points) || points < 2) {
    throw new Error(`scheduleTable: points must be an integer ≥ 2, got ${points}`);
  }
  const { tMin, tMax } = process;
  const spacing = options.spacing ?? 'linear';
  if (spacing === 'log' && !(tMin > 0)) {
    throw new Error(`scheduleTable: log spacing needs tMin > 0, got ${tMin}`);
  }
  const table: ScheduleTable = {
    t: new Float64Array(points),
    alphaBar: new Float64Array(points),
    sigma: new Float64Array(points),
    marginalStd: new Float64Array(points),
    logSNR: new Float64Array(points),
    beta: new Float64Array(points),
  };
  const [logMin, logMax] = [Math.log(tMin), Math.log(tMax)];
  for (let i = 0; i < points; i++) {
    const r = i / (points - 1);
    const t =
      i === points - 1
        ? tMax
        : spacing === 'log'
          ? Math.exp(logMin + r * (logMax - logMin))
          : tMin + r * (tMax - tMin);
    const s = process.scale(t);
    const sigma = process.sigma(t);
    table.t[i] = t;
    table.alphaBar[i] = s * s;
    table.sigma[i] = sigma;
    table.marginalStd[i] = s * sigma;
    table.logSNR[i] = -2 * Math.log(sigma);
    table.beta[i] = process.g2(t);
  }
  return table;
}
