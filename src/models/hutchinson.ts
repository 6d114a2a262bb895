import * as tf from '@tensorflow/tfjs-core';
import { uniformAt } from '../core/rng';
import type { DenoiserVjp } from '../core/restore/solver';

/** n Rademacher signs ±1 of stream `key` under `seed` (counter-based, as every noise here). */
export function rademacher(seed: number, key: number, n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => (uniformAt(seed, key, i) < 0.5 ? -1 : 1));
}

/**
 * Hutchinson's trace estimator (Hutchinson 1989; FFJORD, Grathwohl et al. 2019, eq. 7; Song et
 * al. 2021, score SDE, Appendix D.2) of ∇·D = tr J_D per row: εᵀJ_D ε = ⟨J_Dᵀε, ε⟩ with ε of
 * Rademacher signs, unbiased since E[εεᵀ] = I. `probes` holds one probe per row (a row repeated
 * K times with K probes averages K of them). One forward and one backward pass.
 */
export function hutchinsonDivergence(
  vjp: DenoiserVjp<tf.Tensor>,
  x: tf.Tensor,
  sigma: number,
  probes: tf.Tensor,
): { x0: tf.Tensor; divergence: tf.Tensor1D } {
  const { x0, vjp: jtEps } = vjp(x, sigma, () => probes);
  const axes = Array.from({ length: x.rank - 1 }, (_, i) => i + 1);
  const divergence = tf.tidy(() => tf.sum(tf.mul(jtEps, probes), axes) as tf.Tensor1D);
  jtEps.dispose();
  return { x0, divergence };
}
