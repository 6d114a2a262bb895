/**
 * Forward pass of the small clean-image classifier trained by training/train_classifier.py
 * (mirror of training/nets.py: Classifier). Input x: [B, H, W, 1] in [-1, 1]; output: logits [B, classes].
 */
import * as tf from '@tensorflow/tfjs-core';
import { conv, linear } from './tfLayers';

export interface ClassifierTopology {
  kind: 'classifier';
  channels: number[];
  inputShape: [number, number, number];
}

export function classifierForward(weights: tf.NamedTensorMap, x: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => {
    let h = tf.relu(conv(weights, 'conv1', x));
    h = tf.relu(conv(weights, 'conv2', h, 2));
    h = tf.relu(conv(weights, 'conv3', h, 2));
    return linear(weights, 'head', tf.mean(h, [1, 2]) as tf.Tensor2D);
  });
}

/** Index of the largest logit per row. */
export function classify(weights: tf.NamedTensorMap, x: tf.Tensor4D): Int32Array {
  return tf.tidy(() => tf.argMax(classifierForward(weights, x), 1)).dataSync() as Int32Array;
}
