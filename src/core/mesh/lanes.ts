import { resolveSampler } from '../scene/build';
import type { ProcessId, SceneSettings } from '../scene/settings';

/**
 * The two runs a flow-vs-diffusion comparison makes from one scene: the rectified flow (with
 * the given time shift) and a diffusion process, the scene's own unless that is the flow
 * itself, then the VP SDE. Everything else (data, grid kind, sampler, steps, seed) is shared,
 * so both start from the same x_T = σ_max·z in their own coordinates.
 */
export function comparisonLanes(
  scene: SceneSettings,
  flowShift: number,
): { flow: SceneSettings; diffusion: SceneSettings } {
  const diffusionProcess: ProcessId = scene.process === 'flow' ? 'vp' : scene.process;
  const { flowShift: _unused, ...rest } = scene;
  return {
    flow: { ...rest, process: 'flow', flowShift },
    diffusion: { ...rest, process: diffusionProcess },
  };
}

/** What the mesh runs when the scene's sampler is not an ODE solver from noise to data. */
export const MESH_FALLBACK_SAMPLER = 'heun';

/**
 * The scene with an ODE sampler: a flow map needs a deterministic solver from noise to data,
 * so a stochastic sampler (or DDIM inversion, which runs the other way) is replaced by Heun
 * (EDM) with its defaults; `replaced` names the sampler that was replaced, else null.
 */
export function odeScene(scene: SceneSettings): { scene: SceneSettings; replaced: string | null } {
  const { def, params } = resolveSampler(scene.sampler, scene.samplerParams);
  if (!def.stochastic(params) && def.id !== 'ddim-inversion') return { scene, replaced: null };
  return {
    scene: { ...scene, sampler: MESH_FALLBACK_SAMPLER, samplerParams: {} },
    replaced: def.name,
  };
}
