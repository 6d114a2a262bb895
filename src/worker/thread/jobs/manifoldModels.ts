import type { TangentField } from '../../../core/manifold/exact';
import {
  sphereFmVelocity,
  sphereScore,
  torusFmVelocity,
  torusScore,
} from '../../../core/manifold/exact';
import type { LaneModels } from '../../../core/manifold/lanes';
import { loadModel, type LoadedModel } from '../../../models/loader';
import { manifoldNetworkField, manifoldNetworkInfo } from '../../../models/manifoldMlp';
import { MANIFOLD_NETWORKS, type ManifoldJob } from '../../protocol';
import type { JobContext } from './context';
import { cachedManifest, ModelFilesError } from './models2d';

const loaded = new Map<string, Promise<LoadedModel | null>>();

/** A shipped manifold network, loaded and verified once (size, SHA-256, shapes); null if not shipped. */
function loadCached(id: string, modelsUrl: string): Promise<LoadedModel | null> {
  let p = loaded.get(id);
  if (!p) {
    p = cachedManifest(modelsUrl).then((manifest) => {
      const entry = manifest.models.find((e) => e.id === id);
      if (!entry) return null;
      return loadModel(entry, { fetch: (u) => fetch(u), baseUrl: modelsUrl }).catch((e: Error) => {
        throw new ModelFilesError(e.message, { cause: e });
      });
    });
    p.catch(() => loaded.delete(id));
    loaded.set(id, p);
  }
  return p;
}

/**
 * The score and velocity fields of a run: the exact ones of the conditioning points, or (model
 * 'network') the shipped networks rsgm-<data> and rfm-<data>; a network that is not shipped
 * falls back to the exact field with a notice.
 */
export async function laneModels(
  job: ManifoldJob,
  data: Float64Array,
  ctx: Pick<JobContext, 'modelsUrl' | 'notice'>,
): Promise<LaneModels> {
  const sphere = job.manifold === 'sphere';
  const exact: LaneModels = {
    score: sphere ? sphereScore(data) : torusScore(data),
    velocity: sphere ? sphereFmVelocity(data) : torusFmVelocity(data),
  };
  if (job.model === 'exact') return exact;
  const network = async (kind: keyof LaneModels): Promise<TangentField> => {
    const { prefix, name } = MANIFOLD_NETWORKS[kind];
    const id = `${prefix}-${job.data}`;
    const model = await loadCached(id, ctx.modelsUrl);
    if (!model) {
      ctx.notice?.(`No ${name} is shipped for "${job.data}" (model "${id}"): using the exact one.`);
      return exact[kind];
    }
    const info = manifoldNetworkInfo(id, model.modelJson);
    if (info.manifold !== job.manifold || info.output !== kind)
      throw new ModelFilesError(
        `model "${id}" is a ${info.output} network on the ${info.manifold}`,
      );
    return manifoldNetworkField(model);
  };
  return { score: await network('score'), velocity: await network('velocity') };
}
