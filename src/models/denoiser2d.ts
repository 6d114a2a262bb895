import * as tf from '@tensorflow/tfjs-core';
import {
  denoiserFromModel,
  type Prediction,
  type RawModel,
} from '../core/denoisers/parameterisation';
import { consistencyDenoiser } from '../core/denoisers/consistency';
import { denoiserFromVelocity } from '../core/denoisers/velocity';
import type { BetaScheduleKind } from '../core/schedules/betas';
import { makeDiscreteVP, type DiscreteVPSchedule } from '../core/schedules/discreteVP';
import { flowProcess, flowTimeOfSigma } from '../core/schedules/flow';
import type { Denoiser } from '../core/samplers/types';
import type { LoadedModel } from './loader';
import { isFlowSchedule, type ModelEntry } from './manifest';
import { mlp2dForward, type Mlp2dArchitecture } from './mlp2d';
import { tfOps } from './tfOps';

/** The discrete VP schedule a diffusion model was trained on and what its network predicts. */
export function trainingDiffusion(entry: ModelEntry): {
  schedule: DiscreteVPSchedule;
  prediction: Prediction;
} {
  const spec = entry.schedule;
  const prediction = entry.parameterisation;
  if (!spec || prediction === undefined)
    throw new Error(`model "${entry.id}" states no schedule or parameterisation`);
  if (isFlowSchedule(spec) || prediction === 'velocity')
    throw new Error(`model "${entry.id}" is a flow-matching model, not a diffusion model`);
  if (prediction === 'consistency')
    throw new Error(`model "${entry.id}" is a consistency model: it has no diffusion prediction`);
  const schedule = makeDiscreteVP({
    kind: spec.kind as BetaScheduleKind,
    numTrainTimesteps: spec.T,
    betaStart: spec.beta_start,
    betaEnd: spec.beta_end,
  });
  return { schedule, prediction };
}

/**
 * A network as a denoiser D(x, σ) in k-diffusion coordinates, by what it predicts:
 * - eps / x0 / v / score on a discrete VP schedule: the network sees x_t = s(t)·x at its
 *   training schedule's continuous time t (core/denoisers/parameterisation.ts);
 * - velocity (rectified flow): the network sees the interpolant x_τ = x/(1 + σ) and the time
 *   label T·τ, τ = σ/(1 + σ), and D = (x − σ·v̂)/(1 + σ) (core/denoisers/velocity.ts).
 * - consistency (Song et al. 2023): f = c_skip·x + c_out·F on the same footing
 *   (core/denoisers/consistency.ts); its "denoiser" is the consistency function.
 * Either way the denoiser works at every σ > 0, so any process and sampler can use it.
 */
export function networkDenoiser(
  entry: ModelEntry,
  model: RawModel<tf.Tensor>,
): Denoiser<tf.Tensor> {
  const spec = entry.schedule;
  if (entry.parameterisation === 'velocity') {
    if (!spec || !isFlowSchedule(spec))
      throw new Error(
        `model "${entry.id}" predicts a flow velocity but states no "flow" schedule (got ${JSON.stringify(spec?.kind)})`,
      );
    const scale = spec.T;
    if (!(scale > 0)) throw new Error(`model "${entry.id}": the flow schedule's T must be > 0`);
    return denoiserFromVelocity(tfOps, flowProcess(), model, {
      timeOfSigma: (sigma) => scale * flowTimeOfSigma(sigma),
    });
  }
  if (entry.parameterisation === 'consistency') {
    if (!entry.consistency)
      throw new Error(`model "${entry.id}" is a consistency model but states no σ_min and σ_data`);
    // Trained on the same discrete VP schedule and time input as the teacher it was distilled from.
    const { schedule } = trainingDiffusion({ ...entry, parameterisation: 'x0' });
    return consistencyDenoiser(tfOps, schedule, model, entry.consistency);
  }
  const { schedule, prediction } = trainingDiffusion(entry);
  return denoiserFromModel(tfOps, schedule, prediction, model);
}

/**
 * A loaded 2D MLP (eps-prediction `mlp-*` or flow-velocity `fm-*`) as a denoiser on tensors
 * [n, 2]; mlp2d.ts is the network, networkDenoiser the adapter its model.json asks for.
 * A network with a learned variance is a denoiser by its ε̂ alone.
 */
export function mlp2dDenoiser(loaded: LoadedModel): Denoiser<tf.Tensor> {
  const { entry, modelJson, weights } = loaded;
  const arch = modelJson.architecture as unknown as Mlp2dArchitecture;
  const model = (x: tf.Tensor, t: number) =>
    tf.tidy(() => {
      const out = mlp2dForward(weights, arch, x as tf.Tensor2D, t);
      // A learned-variance network's ε̂ comes first; its variance outputs play no part in D.
      return arch.learnedVariance ? tf.slice(out, [0, 0], [-1, arch.outputDim ?? 2]) : out;
    });
  return networkDenoiser(entry, model);
}
