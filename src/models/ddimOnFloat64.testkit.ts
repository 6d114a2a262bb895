/**
 * Test-only helper: a tensor denoiser on 2D points driven by the float64 DDIM loop (η = 0) on
 * a 40-level geometric σ grid from 80 to 0.01, then 0, from seeded normals.
 */
import * as tf from '@tensorflow/tfjs-core';
import { float64Host } from '../core/host';
import { normals } from '../core/rng';
import { runToEnd } from '../core/samplers/driver';
import { requireSampler } from '../core/samplers/registry';
import type { Denoiser } from '../core/samplers/types';

const DDIM_SIGMAS = [...Array.from({ length: 40 }, (_, i) => 80 * (0.01 / 80) ** (i / 39)), 0];

/**
 * The n final points (interleaved x, y) of the run under `seed`, and how many tensors the run
 * left allocated (0 when the denoiser frees what it makes).
 */
export function ddimOnFloat64(
  denoise: Denoiser<tf.Tensor>,
  n: number,
  seed: number,
): { x: Float64Array; tensorsLeft: number } {
  const before = tf.memory().numTensors;
  const f64: Denoiser<Float64Array> = (x, sigma) => {
    const out = tf.tidy(() => denoise(tf.tensor2d(Float32Array.from(x), [x.length / 2, 2]), sigma));
    const values = Float64Array.from(out.dataSync());
    out.dispose();
    return values;
  };
  const { x } = runToEnd({
    host: float64Host,
    sampler: requireSampler('ddim'),
    params: { eta: 0 },
    grid: { sigmas: DDIM_SIGMAS },
    denoise: f64,
    noise: (key) => normals(seed, key, 2 * n),
    x: normals(seed, 0, 2 * n).map((v) => v * DDIM_SIGMAS[0]),
  });
  return { x, tensorsLeft: tf.memory().numTensors - before };
}
