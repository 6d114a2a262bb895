import { uniformAt } from '../rng';

/**
 * 8-bit images and bits per dimension. A test image holds integers v ∈ {0..255} per pixel; the
 * models see v/127.5 − 1. Uniform dequantisation (Theis et al. 2016; Song et al. 2021, score
 * SDE, Appendix D.2, their `(255·x + u)/256` then scaled to [−1, 1]) draws w = v + u with
 * u ~ U[0, 1)^D and scales it to y = w/128 − 1 ∈ [−1, 1). The discrete probability then obeys
 *   log P(v) ≥ E_u log p_w(v + u) = E_u log p_y(y) − D·log 128
 * (p_w(w) = p_y(w/128 − 1)·128^−D), so the bits per dimension of a model density p_y is
 *   bpd = −(log p_y(y)/D − log 128)/ln 2 = −log p_y(y)/(D·ln 2) + 7,
 * Song et al.'s `offset = 7` for data centred on [−1, 1].
 */
export const DEQUANTISED_SCALE = 128;

/** Stream key of the dequantisation noise, apart from the sampler streams. */
const DEQUANT_STREAM = 0xde90_0000;

/** Pixel values in [−1, 1] (v/127.5 − 1) back to their integers v, checked. */
export function toBytes(pixels: ArrayLike<number>): Uint8Array {
  return Uint8Array.from({ length: pixels.length }, (_, i) => {
    const v = Math.round((pixels[i] + 1) * 127.5);
    if (!(v >= 0 && v <= 255) || Math.abs((pixels[i] + 1) * 127.5 - v) > 1e-3)
      throw new Error(`pixel ${i} is ${pixels[i]}, not an 8-bit value v/127.5 − 1`);
    return v;
  });
}

/** y = (v + u)/128 − 1 with u ~ U[0, 1) from stream (seed, DEQUANT_STREAM + draw). */
export function dequantise(bytes: Uint8Array, seed: number, draw = 0): Float64Array {
  return Float64Array.from(
    bytes,
    (v, i) => (v + uniformAt(seed, DEQUANT_STREAM + draw, i)) / DEQUANTISED_SCALE - 1,
  );
}

/** Bits per dimension of a log-density log p_y (nats) of a dequantised image of D pixels. */
export function dequantisedBpd(logp: number, dim: number): number {
  return -(logp / dim - Math.log(DEQUANTISED_SCALE)) / Math.LN2;
}

/** Bits per dimension of a negative log-probability of a discrete image (nats), e.g. a bound. */
export function discreteBpd(nll: number, dim: number): number {
  return nll / (dim * Math.LN2);
}

/** Two-sided 95% quantiles of Student's t for 1..30 degrees of freedom (then 1.96). */
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];

export interface MeanInterval {
  mean: number;
  /** Half-width of the 95% interval of the mean (Student's t on n − 1 dof; 0 for one value). */
  half: number;
  n: number;
}

/** The mean of `values` with its 95% t-interval. */
export function meanInterval(values: ArrayLike<number>): MeanInterval {
  const n = values.length;
  if (n === 0) throw new Error('meanInterval: no values');
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] / n;
  if (n === 1) return { mean, half: 0, n };
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  const t = n - 1 <= T95.length ? T95[n - 2] : 1.96;
  return { mean, half: t * Math.sqrt(ss / (n - 1) / n), n };
}

/** n of `count` test images spread over the set (they are ordered by class): ⌊k·count/n⌋. */
export function spreadIndices(count: number, n: number): number[] {
  if (!Number.isInteger(n) || n < 1 || n > count)
    throw new Error(`the number of test images must be an integer in 1..${count}, got ${n}`);
  return Array.from({ length: n }, (_, k) => Math.floor((k * count) / n));
}
