import type * as tf from '@tensorflow/tfjs-core';
import { getDataset } from '../../../core/data';
import { empiricalModel } from '../../../core/denoisers/empirical';
import {
  classifierGuided,
  mixtureCfg,
  mixtureClassifierGradient,
} from '../../../core/guidance/classGuidance';
import { exactRegionDenoiser } from '../../../core/guidance/exactRegion';
import type { Denoiser } from '../../../core/samplers/types';
import { cachedExactModel } from '../../../core/scene/build';
import type { SceneSettings } from '../../../core/scene/settings';
import { classifierGuidedNetwork } from '../../../models/classGuidance2d';
import { regionGuidedNetwork } from '../../../models/regionGuidance';

/** The mixture whose components are the classes, or an error naming the data sets that have one. */
function classMixture(s: SceneSettings) {
  const mixture = s.dataset === 'custom' ? undefined : getDataset(s.dataset).mixture;
  if (!mixture)
    throw new Error(
      `class guidance needs labelled data: the components of a Gaussian mixture (gaussians8, gaussians25); ${s.dataset} has none`,
    );
  if (s.region) throw new Error('choose a region or a class to guide to, not both');
  return mixture;
}

/**
 * The exact model's denoiser for a scene (docs/GUIDANCE.md): the data set's (or the user's
 * points'), restricted to the scene's region, or guided to its class (classifier guidance or
 * CFG, equal on the exact model).
 */
export function exactSceneDenoiser(
  s: SceneSettings,
  data: Float64Array | undefined,
): Denoiser<Float64Array> {
  const plain = data ? empiricalModel(data).denoise : cachedExactModel(s.dataset).denoise;
  if (s.classGuide) {
    const mixture = classMixture(s);
    const { mode, classId, scale } = s.classGuide;
    return mode === 'cfg'
      ? mixtureCfg(mixture, plain, classId, scale)
      : classifierGuided(plain, mixtureClassifierGradient(mixture, classId), scale);
  }
  if (!s.region) return plain;
  return exactRegionDenoiser(s.dataset, s.region, data);
}

/**
 * A 2D network's denoiser for a scene: reconstruction guidance to the region, or classifier
 * guidance with the exact mixture classifier's gradient. CFG needs a class-conditional network,
 * which the 2D MLPs are not: refused by name.
 */
export function networkSceneDenoiser(
  s: SceneSettings,
  denoise: Denoiser<tf.Tensor>,
): Denoiser<tf.Tensor> {
  if (s.classGuide) {
    const mixture = classMixture(s);
    const { mode, classId, scale } = s.classGuide;
    if (mode === 'cfg')
      throw new Error(
        'CFG needs a class-conditional network and the 2D MLPs are unconditional: use guide=classifier, or the exact model',
      );
    return classifierGuidedNetwork(denoise, mixtureClassifierGradient(mixture, classId), scale);
  }
  return s.region ? regionGuidedNetwork(denoise, s.region, s.regionZeta ?? 1) : denoise;
}
