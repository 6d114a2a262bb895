import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { normals } from '../core/rng';
import { flowStraightness } from '../core/metrics/flowStraightness';
import { mlpFlowVelocity } from './flowVelocity';
import type { Mlp2dArchitecture } from './mlp2d';
import { requireShippedModels } from './shippedModels.testkit';
import { readShippedMlp } from './train2d/shippedMlp.testkit';

const REFLOWED = ['gaussians8', 'moons', 'swissroll'];
const PATHS = 128;
const STEPS = 20;

/** Liu et al.'s straightness S (eq. 4) of a shipped flow model's own ODE paths (core/metrics). */
function straightness(folder: string): number {
  const { json, weights } = readShippedMlp(folder);
  const velocity = mlpFlowVelocity(
    weights,
    json.architecture as unknown as Mlp2dArchitecture,
    1000,
  );
  const s = flowStraightness(velocity, normals(5, 0, 2 * PATHS), STEPS);
  tf.dispose(Object.values(weights));
  return s;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('reflow (training/reflow.py) straightens the shipped flow models', () => {
  requireShippedModels(REFLOWED.flatMap((d) => [`fm-${d}`, `fm-${d}-reflow1`]));
  it.each(REFLOWED)('%s: S after one reflow is below half of S before', (dataset) => {
    const before = straightness(`fm-${dataset}`);
    const after = straightness(`fm-${dataset}-reflow1`);
    console.log(`${dataset}: straightness ${before.toFixed(4)} -> ${after.toFixed(4)}`);
    expect(after).toBeLessThan(0.5 * before);
  });
});
