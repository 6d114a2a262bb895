import { odeScene } from '../../core/mesh/lanes';
import { model2d, SCENE_PARAMS, sceneFromParams } from '../../state/scene';
import type { Params } from '../../state/fields';
import { isStudent2d, studentElsewhereNotice, type MeshJob } from '../../worker/protocol';

/** The fields the mesh job is made of (the mesh view's selector). */
export const MESH_PARAMS = [...SCENE_PARAMS, 'model', 'mn', 'mlines'] as const;

/**
 * The mesh job the URL describes: the scene with an ODE sampler (a stochastic one is replaced,
 * and `replaced` names it), the flow's shift, the lattice size and the straightness particles
 * (which also size the error-vs-NFE sweep). The distilled students run their own sampler and
 * steps, not the mesh's ODE solver: model=distill|consistency runs the exact model and
 * `modelNotice` says so.
 */
export function meshJobFromParams(params: Pick<Params, (typeof MESH_PARAMS)[number]>): {
  job: MeshJob;
  replaced: string | null;
  modelNotice: string | null;
} {
  const asked = model2d(params);
  const student = isStudent2d(asked);
  const particles = params.mn;
  const base = { ...sceneFromParams(params).settings, particles };
  const { scene, replaced } = odeScene(base);
  return {
    job: {
      kind: 'mesh',
      settings: scene,
      model: student ? 'exact' : asked,
      flowShift: params.shift,
      lines: params.mlines,
      particles,
    },
    replaced,
    modelNotice: student ? studentElsewhereNotice(asked, 'mesh') : null,
  };
}
