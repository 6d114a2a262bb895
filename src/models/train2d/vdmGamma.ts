import * as tf from '@tensorflow/tfjs-core';
import { networkGamma, type Gamma, type GammaParams } from '../../core/vdm/gamma';

/** The monotone schedule network's parameters as tfjs variables (names as core/vdm/gamma.ts). */
export interface GammaVariables {
  gamma0: tf.Variable;
  gap: tf.Variable;
  a: tf.Variable;
  b: tf.Variable;
  w2: tf.Variable;
  b2: tf.Variable;
  w3: tf.Variable;
}

/** The endpoint parameters (trained on the bound) and the interior ones (on its variance). */
export const ENDPOINT_NAMES = ['gamma0', 'gap'] as const;
export const INTERIOR_NAMES = ['a', 'b', 'w2', 'b2', 'w3'] as const;

export function gammaVariables(p: GammaParams): GammaVariables {
  const scalar = (v: number) => tf.variable(tf.scalar(v));
  return {
    gamma0: scalar(p.gamma0),
    gap: scalar(p.gap),
    a: scalar(p.a),
    b: scalar(p.b),
    w2: tf.variable(tf.tensor1d(Float32Array.from(p.w2))),
    b2: tf.variable(tf.tensor1d(Float32Array.from(p.b2))),
    w3: tf.variable(tf.tensor1d(Float32Array.from(p.w3))),
  };
}

/** The variables' current values as float64 parameters (one read-back each). */
export function readGammaParams(v: GammaVariables): GammaParams {
  const num = (x: tf.Variable) => x.dataSync()[0];
  const arr = (x: tf.Variable) => Float64Array.from(x.dataSync());
  return {
    gamma0: num(v.gamma0),
    gap: num(v.gap),
    a: num(v.a),
    b: num(v.b),
    w2: arr(v.w2),
    b2: arr(v.b2),
    w3: arr(v.w3),
  };
}

export const readGamma = (v: GammaVariables): Gamma => networkGamma(readGammaParams(v));

/**
 * γ(t), γ′(t) and γ₁ on tensors, as core/vdm/gamma.ts's networkGamma computes them (γ̃ and its
 * slope in closed form, so γ′ needs no second-order autodiff), differentiable in every variable.
 */
export function gammaTensors(
  v: GammaVariables,
  t: tf.Tensor1D,
): { gamma: tf.Tensor1D; dgamma: tf.Tensor1D; gamma1: tf.Scalar } {
  const n = t.shape[0];
  const ts = tf.concat([t, tf.tensor1d([0, 1])]);
  const a = tf.softplus(v.a);
  const l1 = tf.add(tf.mul(a, ts), v.b) as tf.Tensor1D;
  const w2 = tf.softplus(v.w2);
  const w3 = tf.div(tf.softplus(v.w3), v.w3.shape[0]);
  const h = tf.sigmoid(tf.add(tf.mul(tf.expandDims(l1, 1), w2), v.b2));
  const value = tf.add(l1, tf.sum(tf.mul(tf.sub(tf.mul(h, 2), 1), w3), 1));
  const slope = tf.mul(
    a,
    tf.add(1, tf.sum(tf.mul(tf.mul(tf.mul(h, tf.sub(1, h)), 2), tf.mul(w3, w2)), 1)),
  );
  const lo = tf.slice(value, [n], [1]);
  const range = tf.sub(tf.slice(value, [n + 1], [1]), lo);
  const gap = tf.softplus(v.gap);
  const k = tf.div(gap, range);
  return {
    gamma: tf.add(v.gamma0, tf.mul(k, tf.sub(tf.slice(value, [0], [n]), lo))) as tf.Tensor1D,
    dgamma: tf.mul(k, tf.slice(slope, [0], [n])) as tf.Tensor1D,
    gamma1: tf.add(v.gamma0, gap) as tf.Scalar,
  };
}
