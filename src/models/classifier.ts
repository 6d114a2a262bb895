/**
 * Forward pass of the small clean-image classifier trained by training/train_classifier.py
 * (mirror of training/nets.py: Classifier). Input x: [B, H, W, 1] in [-1, 1]; output: logits [B, classes].
 * pool 'flatten' feeds all (H/4, W/4, C) features to the head; the exporter already reordered the
 * head's rows from PyTorch's (C, H, W) flattening to this NHWC order.
 */
import * as tf from '@tensorflow/tfjs-core';
import { conv, linear } from './tfLayers';

export interface ClassifierTopology {
  kind: 'classifier';
  channels: number[];
  pool: 'mean' | 'flatten';
  inputShape: [number, number, number];
}

/** The three ReLU conv layers: [B, H/4, W/4, C]. */
function convFeatures(weights: tf.NamedTensorMap, x: tf.Tensor4D): tf.Tensor4D {
  const h = tf.relu(conv(weights, 'conv1', x));
  return tf.relu(conv(weights, 'conv3', tf.relu(conv(weights, 'conv2', h, 2)), 2));
}

function head(weights: tf.NamedTensorMap, topo: ClassifierTopology, h: tf.Tensor4D): tf.Tensor2D {
  const features = topo.pool === 'flatten' ? tf.reshape(h, [h.shape[0], -1]) : tf.mean(h, [1, 2]);
  return linear(weights, 'head', features as tf.Tensor2D);
}

export function classifierForward(
  weights: tf.NamedTensorMap,
  topo: ClassifierTopology,
  x: tf.Tensor4D,
): tf.Tensor2D {
  return tf.tidy(() => head(weights, topo, convFeatures(weights, x)));
}

/**
 * Logits and features in one pass. The features are the last conv layer averaged over space
 * ([B, C]), the analogue of the Inception pool3 features of FID, whatever the head's pooling.
 */
export function classifierOutputs(
  weights: tf.NamedTensorMap,
  topo: ClassifierTopology,
  x: tf.Tensor4D,
): { logits: tf.Tensor2D; features: tf.Tensor2D } {
  return tf.tidy(() => {
    const h = convFeatures(weights, x);
    return { logits: head(weights, topo, h), features: tf.mean(h, [1, 2]) as tf.Tensor2D };
  });
}

/** Index of the largest logit per row. */
export function classify(
  weights: tf.NamedTensorMap,
  topo: ClassifierTopology,
  x: tf.Tensor4D,
): Int32Array {
  return tf.tidy(() => tf.argMax(classifierForward(weights, topo, x), 1)).dataSync() as Int32Array;
}
