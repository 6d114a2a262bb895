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
