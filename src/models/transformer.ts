/**
 * The small token transformer of training/discrete_nets.py, op for op on tfjs-core:
 *   h = tok_emb[x] + pos_emb + time_fc2(SiLU(time_fc1(sinusoidal(timeScale·τ)))) + class_emb[y]
 *   per block: h += proj(attention(ln1(h)));  h += fc2(GELU_tanh(fc1(ln2(h))))
 *   logits = head(ln_f(h))
 * Pre-LayerNorm (biased variance, eps `layerNormEps`), multi-head softmax(q kᵀ/√d_head) v,
 * causal for the autoregressive baseline. The masked-diffusion denoisers (MDLM, Sahoo et al.
 * 2024) are bidirectional, time-conditioned, and predict p̂(x₀ | x_t) over the `vocabOut`
 * data tokens; the mask is input token vocabOut. Linear weights arrive [in, out].
 */
import * as tf from '@tensorflow/tfjs-core';
import { timestepEmbedding } from './mlp2d';
import { linear, silu, weight } from './tfLayers';

export interface TransformerArchitecture {
  kind: 'transformer';
  vocabIn: number;
  vocabOut: number;
  length: number;
  width: number;
  layers: number;
  heads: number;
  /** Whether the network reads τ (the diffusion denoisers) or not (the autoregressive model). */
  time: boolean;
  /** Number of classes of a class-conditional model (class `classes` is the null class), or 0. */
  classes: number;
  causal: boolean;
  /** The sinusoidal embedding reads timeScale·τ. */
  timeScale: number;
  layerNormEps: number;
  gelu: 'tanh';
}

/** Every tensor the network reads, with its shape ([in, out] for linear kernels). */
export function transformerWeightShapes(a: TransformerArchitecture): Record<string, number[]> {
  const d = a.width;
  const shapes: Record<string, number[]> = {
    'tok_emb.weight': [a.vocabIn, d],
    pos_emb: [a.length, d],
    'ln_f.weight': [d],
    'ln_f.bias': [d],
    'head.weight': [d, a.vocabOut],
    'head.bias': [a.vocabOut],
  };
  const dense = (name: string, n: number, m: number) => {
    shapes[`${name}.weight`] = [n, m];
    shapes[`${name}.bias`] = [m];
  };
  if (a.time) {
    dense('time_fc1', d, d);
    dense('time_fc2', d, d);
  }
  if (a.classes > 0) shapes['class_emb.weight'] = [a.classes + 1, d];
  for (let i = 0; i < a.layers; i++) {
    const b = `blocks.${i}`;
    for (const ln of ['ln1', 'ln2']) {
      shapes[`${b}.${ln}.weight`] = [d];
      shapes[`${b}.${ln}.bias`] = [d];
    }
    dense(`${b}.qkv`, d, 3 * d);
    dense(`${b}.proj`, d, d);
    dense(`${b}.fc1`, d, 4 * d);
    dense(`${b}.fc2`, 4 * d, d);
  }
  return shapes;
}

function layerNorm(w: tf.NamedTensorMap, name: string, x: tf.Tensor2D, eps: number): tf.Tensor2D {
  const { mean, variance } = tf.moments(x, 1, true);
  const normed = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));
  return tf.add(tf.mul(normed, weight(w, `${name}.weight`)), weight(w, `${name}.bias`));
}

/** GELU, tanh approximation (PyTorch's approximate='tanh'). */
function geluTanh(x: tf.Tensor2D): tf.Tensor2D {
  const inner = tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), Math.sqrt(2 / Math.PI));
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
}

/** Multi-head self-attention on h [n·L, d] of n sequences, output projection included. */
function attention(
  w: tf.NamedTensorMap,
  block: string,
  h: tf.Tensor2D,
  n: number,
  a: TransformerArchitecture,
): tf.Tensor2D {
  const { length: L, width: d, heads } = a;
  const dh = d / heads;
  const heads4 = (t: tf.Tensor) => tf.transpose(tf.reshape(t, [n, L, heads, dh]), [0, 2, 1, 3]);
  const [q, k, v] = tf.split(linear(w, `${block}.qkv`, h), 3, 1).map(heads4);
  let att = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dh));
  if (a.causal) {
    const above = tf.sub(1, tf.linalg.bandPart(tf.ones([L, L]), -1, 0));
    att = tf.add(att, tf.mul(above, -1e9));
  }
  const y = tf.transpose(tf.matMul(tf.softmax(att), v), [0, 2, 1, 3]);
  return linear(w, `${block}.proj`, tf.reshape(y, [n * L, d]));
}

/**
 * Logits [n, L, vocabOut] for tokens [n, L]; `tau` [n] for a time-conditioned network, `labels`
 * [n] (the null class for unconditional rows) for a class-conditional one.
 */
export function transformerForward(
  weights: tf.NamedTensorMap,
  a: TransformerArchitecture,
  tokens: tf.Tensor2D,
  tau?: tf.Tensor1D,
  labels?: tf.Tensor1D,
): tf.Tensor3D {
  return tf.tidy(() => {
    const [n, L] = tokens.shape;
    if (L !== a.length)
      throw new Error(`transformer: sequences of ${L} tokens, expected ${a.length}`);
    let cond: tf.Tensor2D = tf.zeros([n, a.width]);
    if (a.time) {
      if (!tau) throw new Error('transformer: this network needs tau');
      const emb = timestepEmbedding(tf.mul(tau, a.timeScale), a.width);
      cond = linear(weights, 'time_fc2', silu(linear(weights, 'time_fc1', emb)));
    }
    if (a.classes > 0) {
      if (!labels) throw new Error('transformer: this network needs labels');
      cond = tf.add(cond, tf.gather(weight(weights, 'class_emb.weight'), tf.cast(labels, 'int32')));
    }
    const tok = tf.gather(weight(weights, 'tok_emb.weight'), tf.cast(tokens, 'int32'));
    const h3 = tf.add(tf.add(tok, weight(weights, 'pos_emb')), tf.expandDims(cond, 1));
    let h = tf.reshape(h3, [n * L, a.width]) as tf.Tensor2D;
    for (let i = 0; i < a.layers; i++) {
      const b = `blocks.${i}`;
      h = tf.add(h, attention(weights, b, layerNorm(weights, `${b}.ln1`, h, a.layerNormEps), n, a));
      const m = geluTanh(
        linear(weights, `${b}.fc1`, layerNorm(weights, `${b}.ln2`, h, a.layerNormEps)),
      );
      h = tf.add(h, linear(weights, `${b}.fc2`, m));
    }
    const logits = linear(weights, 'head', layerNorm(weights, 'ln_f', h, a.layerNormEps));
    return tf.reshape(logits, [n, L, a.vocabOut]);
  });
}
