// The backend the worker's modules see: imported through tsx as they are, so gpu-bench.mjs can
// check that it and they share one tfjs-core instance.
import * as tf from '@tensorflow/tfjs-core';

export const sameEngine = (): string => tf.getBackend();
