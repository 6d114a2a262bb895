import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { normals } from '../core/rng';
import { mlp2dForward, type Mlp2dArchitecture } from './mlp2d';
import { requireShippedModels } from './shippedModels.testkit';
import { readShippedMlp } from './train2d/shippedMlp.testkit';

const REFLOWED = ['gaussians8', 'moons', 'swissroll'];
const PATHS = 128;
const STEPS = 20;

/**
 * Straightness of a rectified-flow model's own ODE paths (Liu et al. 2023, "Flow straight and
 * fast", eq. 4): S = E ∫₀¹ ‖(X₁ − X₀) − v(X_τ, τ)‖² dτ, with X₁ = ε at τ = 1 carried to X₀ at
 * τ = 0 by Euler on dx/dτ = v (x_τ = (1 − τ)x₀ + τε, the network's time input 1000τ), the
 * integral by the midpoint rule on the Euler states. S = 0 exactly when every path is straight.
 */
function straightness(folder: string): number {
  const { json, weights } = readShippedMlp(folder);
  const arch = json.architecture as unknown as Mlp2dArchitecture;
  const v = (x: Float64Array, tau: number) =>
    Float64Array.from(
      tf.tidy(() =>
        mlp2dForward(
          weights,
          arch,
          tf.tensor2d(Float32Array.from(x), [PATHS, 2]),
          tf.fill([PATHS], 1000 * tau) as tf.Tensor1D,
        ).dataSync(),
      ),
    );
  const eps = normals(5, 0, 2 * PATHS);
  const path = [eps];
  for (let k = 0; k < STEPS; k++) {
    const x = path[k];
    const vel = v(x, 1 - k / STEPS);
    path.push(x.map((xi, j) => xi - vel[j] / STEPS));
  }
  const x0 = path[STEPS];
  let total = 0;
  for (let k = 0; k < STEPS; k++) {
    const mid = path[k].map((a, j) => (a + path[k + 1][j]) / 2);
    const vel = v(mid, 1 - (k + 0.5) / STEPS);
    let sum = 0;
    for (let j = 0; j < vel.length; j++) sum += (eps[j] - x0[j] - vel[j]) ** 2;
    total += sum / PATHS / STEPS;
  }
  tf.dispose(Object.values(weights));
  return total;
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
