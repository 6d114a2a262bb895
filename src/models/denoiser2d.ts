import * as tf from '@tensorflow/tfjs-core';
import { denoiserFromModel, type Prediction } from '../core/denoisers/parameterisation';
import type { BetaScheduleKind } from '../core/schedules/betas';
import { makeDiscreteVP, type DiscreteVPSchedule } from '../core/schedules/discreteVP';
import type { Denoiser } from '../core/samplers/types';
import type { LoadedModel } from './loader';
import type { ModelEntry } from './manifest';
import { mlp2dForward, type Mlp2dArchitecture } from './mlp2d';
import { tfOps } from './tfOps';

/** The discrete VP schedule a model was trained on and what its network predicts. */
export function trainingDiffusion(entry: ModelEntry): {
  schedule: DiscreteVPSchedule;
  prediction: Prediction;
} {
  const spec = entry.schedule;
  const prediction = entry.parameterisation;
  if (!spec || prediction === undefined)
    throw new Error(`model "${entry.id}" states no schedule or parameterisation`);
  const schedule = makeDiscreteVP({
    kind: spec.kind as BetaScheduleKind,
    numTrainTimesteps: spec.T,
    betaStart: spec.beta_start,
    betaEnd: spec.beta_end,
  });
  return { schedule, prediction };
}

/**
 * A loaded 2D MLP as a denoiser on tensors [n, 2]: the network sees the VP state
 * x_t = s(t)·x at its own training schedule's continuous time t (see mlp2d.ts).
 */
export function mlp2dDenoiser(loaded: LoadedModel): Denoiser<tf.Tensor> {
  const { entry, modelJson, weights } = loaded;
  const arch = modelJson.architecture as unknown as Mlp2dArchitecture;
  const { schedule, prediction } = trainingDiffusion(entry);
  const model = (xt: tf.Tensor, t: number) =>
    tf.tidy(() =>
      mlp2dForward(weights, arch, xt as tf.Tensor2D, tf.fill([xt.shape[0]], t) as tf.Tensor1D),
    );
  return denoiserFromModel(tfOps, schedule, prediction, model);
}
