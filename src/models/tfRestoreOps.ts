import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import type { RestoreOps } from '../core/restore/linear';
import type { Mat } from '../core/restore/matrix';
import type { Denoiser } from '../core/samplers/types';
import type { DenoiserVjp } from '../core/restore/solver';
import { tfOps } from './tfOps';

const matrix = (m: Mat) => tf.tensor2d(Float32Array.from(m.data), [m.rows, m.cols]);

/**
 * RestoreOps on image batches [cells, H, W, 1]: left·X·rightᵀ per cell as two 2D matrix products
 * (the batch folded into the other axis), differentiable, so DPS and ΠGDM take their gradients
 * through the operator on the tape.
 */
export function tfRestoreOps(cells: number): RestoreOps<tf.Tensor> {
  return {
    ...tfOps,
    kron: (x, left, right) =>
      tf.tidy(() => {
        const [a, b] = [left.cols, right.cols];
        const [p, q] = [left.rows, right.rows];
        // (X·Rᵀ) per cell: [cells·a, b]·[b, q]
        const xr = tf.matMul(tf.reshape(x, [cells * a, b]), matrix(right), false, true);
        // L·(XRᵀ): bring the a axis last, multiply by Lᵀ, put it back
        const t = tf.transpose(tf.reshape(xr, [cells, a, q]), [0, 2, 1]);
        const lx = tf.matMul(tf.reshape(t, [cells * q, a]), matrix(left), false, true);
        return tf.reshape(tf.transpose(tf.reshape(lx, [cells, q, p]), [0, 2, 1]), [cells, p, q, 1]);
      }),
    tile: (values, rows, cols) =>
      tf.tidy(() =>
        tf.tile(tf.tensor4d(Float32Array.from(values), [1, rows, cols, 1]), [cells, 1, 1, 1]),
      ),
    perCellNormalise: (x, of) =>
      tf.tidy(() => {
        const norm = tf.sqrt(tf.sum(tf.square(of), [1, 2, 3], true));
        return tf.div(x, tf.maximum(norm, 1e-30));
      }),
  };
}

/** Identity forward, zero gradient: the cotangent of a VJP is held constant. */
const stopGradient = tf.customGrad(((x: tf.Tensor) => ({
  value: tf.clone(x),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
})) as Parameters<typeof tf.customGrad>[0]);

/**
 * D(x, σ) and J_Dᵀ·g(D(x, σ)) by one taped forward pass and one backward pass: the gradient of
 * Σ D(x)·stop(g(D(x))) with respect to x. x̂0 belongs to the caller's scope.
 */
export function tfDenoiserVjp(denoise: Denoiser<tf.Tensor>): DenoiserVjp<tf.Tensor> {
  return (x, sigma, cotangent) => {
    let x0: tf.Tensor | null = null;
    const vjp = tf.grad((input: tf.Tensor) => {
      const d = denoise(input, sigma);
      x0 = tf.keep(tf.clone(d));
      return tf.sum(tf.mul(d, stopGradient(cotangent(d)) as tf.Tensor));
    })(x);
    // A clone in the caller's scope (sharing the data), so the kept tensor goes now.
    const kept = x0 as unknown as tf.Tensor;
    const out = tf.clone(kept);
    kept.dispose();
    return { x0: out, vjp };
  };
}
