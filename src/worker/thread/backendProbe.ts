/**
 * The per-size probe's workloads (tfjs): a job-shaped evaluation on one backend, timed as the
 * median of three runs after a warm-up that compiles its kernels. The 2D MLP at n points is a
 * 2 → 128 → 128 → 2 ReLU network on [n, 2]; the UNet at batch b is two 3×3 convolutions of 32
 * channels on [b, 28, 28, 32], the bulk of a 28×28 UNet's work.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendId, JobSize } from '../protocol';

const HIDDEN = 128;
const CHANNELS = 32;
const SIDE = 28;

function workload(job: JobSize): { run: () => tf.Tensor; inputs: tf.Tensor[] } {
  if (job.kind === 'mlp') {
    const x = tf.randomNormal([job.size, 2], 0, 1, 'float32', 1);
    const w1 = tf.randomNormal([2, HIDDEN], 0, 0.5, 'float32', 2);
    const w2 = tf.randomNormal([HIDDEN, HIDDEN], 0, 0.1, 'float32', 3);
    const w3 = tf.randomNormal([HIDDEN, 2], 0, 0.1, 'float32', 4);
    const run = () =>
      tf.tidy(() => tf.matMul(tf.relu(tf.matMul(tf.relu(tf.matMul(x, w1)), w2)), w3));
    return { run, inputs: [x, w1, w2, w3] };
  }
  const x = tf.randomNormal<tf.Rank.R4>([job.size, SIDE, SIDE, CHANNELS], 0, 1, 'float32', 1);
  const k = tf.randomNormal<tf.Rank.R4>([3, 3, CHANNELS, CHANNELS], 0, 0.05, 'float32', 2);
  const run = () => tf.tidy(() => tf.conv2d(tf.relu(tf.conv2d(x, k, 1, 'same')), k, 1, 'same'));
  return { run, inputs: [x, k] };
}

/** Median ms of three runs of `run` after one warm-up run (which compiles its kernels). */
export async function medianMs(run: () => tf.Tensor): Promise<number> {
  const warm = run();
  await warm.data();
  warm.dispose();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = run();
    await r.data();
    r.dispose();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[1];
}

/** Median ms of one evaluation of `job`'s workload on `backend`, made the active backend. */
export async function measureOn(
  activate: (id: BackendId) => Promise<void>,
  backend: BackendId,
  job: JobSize,
): Promise<number> {
  await activate(backend);
  const { run, inputs } = workload(job);
  try {
    return await medianMs(run);
  } finally {
    tf.dispose(inputs);
  }
}
