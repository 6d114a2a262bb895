import * as tf from '@tensorflow/tfjs-core';
import type { AnalyticModel } from '../../core/denoisers/analytic';
import { gridPoints, type SquareGrid } from '../../core/metrics/squareGrid';
import { normals } from '../../core/rng';
import type { Denoiser } from '../../core/samplers/types';
import type { Process } from '../../core/schedules/process';

/** Probe noise stream, far from sampler, data, initialisation and batch keys. */
const PROBE_NOISE_KEY = 0x3e7a0000;

async function networkDenoised(
  denoise: Denoiser<tf.Tensor>,
  x: Float64Array,
  sigma: number,
): Promise<Float32Array> {
  const out = tf.tidy(() => denoise(tf.tensor2d(Float32Array.from(x), [x.length / 2, 2]), sigma));
  const values = (await out.data()) as Float32Array;
  out.dispose();
  return values;
}

/**
 * Exact denoiser outputs by evaluation (a time, or a time and a grid), kept between calls: the
 * exact model and the probe points do not change while a network trains, and evaluating the
 * exact model (an empirical one sums over every data point) costs most of an evaluation.
 */
export class ExactOutputs {
  private values = new Map<string, Float64Array>();

  constructor(private readonly maxEntries = 256) {}

  get(key: string, compute: () => Float64Array): Float64Array {
    let v = this.values.get(key);
    if (!v) {
      if (this.values.size >= this.maxEntries) this.values.clear();
      v = compute();
      this.values.set(key, v);
    }
    return v;
  }
}

/** Per point, ‖a − b‖² over the two coordinates. */
function squaredDistances(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.length / 2);
  for (let i = 0; i < out.length; i++) {
    out[i] = (a[2 * i] - b[2 * i]) ** 2 + (a[2 * i + 1] - b[2 * i + 1]) ** 2;
  }
  return out;
}

/**
 * The network's error against the exact denoiser along the process's time: at each t,
 * E‖D_θ(x, σ) − D*(x, σ)‖² over x = x0 + σ(t)·ε with x0 the probe points (flat [n, 2]) and ε
 * one fixed draw from `seed` (the same ε at every t, so the curve is smooth in t). `cache`
 * keeps D* between calls with the same exact model, process, seed and probe of each size.
 */
export async function errorVsTime(
  denoise: Denoiser<tf.Tensor>,
  exact: AnalyticModel,
  process: Process,
  times: readonly number[],
  probe: Float64Array,
  seed = 0,
  cache = new ExactOutputs(),
): Promise<Float64Array> {
  const eps = normals(seed, PROBE_NOISE_KEY, probe.length);
  const out = new Float64Array(times.length);
  for (const [k, t] of times.entries()) {
    const sigma = process.sigma(t);
    const x = probe.map((v, i) => v + sigma * eps[i]);
    const target = cache.get(`t ${t} probe ${probe.length}`, () => exact.denoise(x, sigma));
    const d = squaredDistances(await networkDenoised(denoise, x, sigma), target);
    out[k] = d.reduce((a, b) => a + b, 0) / d.length;
  }
  return out;
}

/**
 * ‖D_θ(x, σ) − D*(x, σ)‖² at the cells of `grid`, whose coordinates are the process's own
 * state x_t = s(t)·x (the particle view's coordinates); row-major as squareGrid.ts lays out.
 */
export async function errorMap(
  denoise: Denoiser<tf.Tensor>,
  exact: AnalyticModel,
  process: Process,
  t: number,
  grid: SquareGrid,
  cache = new ExactOutputs(),
): Promise<Float32Array> {
  const sigma = process.sigma(t);
  const scale = process.scale(t);
  const x = gridPoints(grid).map((v) => v / scale);
  const target = cache.get(`map ${t} ${grid.size} ${grid.extent}`, () => exact.denoise(x, sigma));
  return Float32Array.from(squaredDistances(await networkDenoised(denoise, x, sigma), target));
}
