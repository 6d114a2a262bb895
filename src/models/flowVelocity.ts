import * as tf from '@tensorflow/tfjs-core';
import type { FlowVelocity } from '../core/metrics/flowStraightness';
import type { LoadedModel } from './loader';
import { isFlowSchedule } from './manifest';
import { mlp2dForward, type Mlp2dArchitecture } from './mlp2d';

/**
 * A flow-matching 2D MLP's velocity v(x_τ, τ) on float64 rows: the network sees the interpolant
 * x_τ = (1 − τ)x₀ + τε and the time label timeScale·τ (the flow schedule's T).
 */
export function mlpFlowVelocity(
  weights: tf.NamedTensorMap,
  arch: Mlp2dArchitecture,
  timeScale: number,
): FlowVelocity {
  return (x, tau) => {
    const rows = x.length / 2;
    return Float64Array.from(
      tf.tidy(() =>
        mlp2dForward(
          weights,
          arch,
          tf.tensor2d(Float32Array.from(x), [rows, 2]),
          timeScale * tau,
        ).dataSync(),
      ),
    );
  };
}

/** The velocity of a loaded flow-matching model (`fm-*`); any other model is refused by name. */
export function loadedFlowVelocity(loaded: LoadedModel): FlowVelocity {
  const { entry, modelJson, weights } = loaded;
  const spec = entry.schedule;
  if (entry.parameterisation !== 'velocity' || !spec || !isFlowSchedule(spec))
    throw new Error(`model "${entry.id}" is not a flow-matching model: it has no velocity`);
  return mlpFlowVelocity(weights, modelJson.architecture as unknown as Mlp2dArchitecture, spec.T);
}
