import * as tf from '@tensorflow/tfjs-core';
import type { TangentField } from '../core/manifold/exact';
import { MANIFOLDS, type Manifold, type ManifoldId } from '../core/manifold/manifolds';
import type { LoadedModel } from './loader';
import type { ModelJson } from './manifest';
import { mlp2dForward, type Mlp2dArchitecture } from './mlp2d';

/**
 * The manifold networks (training/manifold_model.py): the 2D toys' MLP on the embedded
 * point (x ∈ R³ on S², (cos a, sin a, cos b, sin b) on T²) whose output is projected onto T_x:
 * - 'score': s(x, τ) ≈ √τ ∇log p_τ(x) (RSGM, De Bortoli et al. 2022; denoising score matching
 *   against the heat kernel's score), time input 1000 log(τ/τ_min)/log(τ_max/τ_min);
 * - 'velocity': Riemannian flow matching's u_t(x) (Chen & Lipman 2024, eq. (14), geodesic paths
 *   from the uniform law), time input 1000 t.
 * The samplers (core/manifold/samplers.ts) step in float64 through the exp map, so a network's
 * float32 output never takes a point off the manifold.
 */
export interface ManifoldNetworkInfo {
  manifold: ManifoldId;
  output: 'score' | 'velocity';
  tauMin: number;
  tauMax: number;
}

/** model.json's `manifold` block, checked, with a message naming the model and the problem. */
export function manifoldNetworkInfo(id: string, json: ModelJson): ManifoldNetworkInfo {
  const m = json.manifold as Partial<ManifoldNetworkInfo> | undefined;
  const bad = (what: string) => new Error(`model "${id}": model.json ${what}`);
  if (json.architecture?.kind !== 'manifold-mlp') throw bad('is not a manifold network');
  if (!m || (m.manifold !== 'sphere' && m.manifold !== 'torus'))
    throw bad('names no manifold (sphere or torus)');
  if (m.output !== 'score' && m.output !== 'velocity')
    throw bad('names no output (score or velocity)');
  if (!(typeof m.tauMin === 'number' && typeof m.tauMax === 'number' && m.tauMin < m.tauMax))
    throw bad('has no time range (tauMin < tauMax)');
  return { manifold: m.manifold, output: m.output, tauMin: m.tauMin, tauMax: m.tauMax };
}

/** The network's input: points as they are on S², as two circles in R⁴ on T² (float32). */
function embedInput(m: Manifold, xs: Float64Array): tf.Tensor2D {
  const rows = xs.length / m.dim;
  if (m.id === 'sphere') return tf.tensor2d(Float32Array.from(xs), [rows, 3]);
  const e = new Float32Array(4 * rows);
  for (let i = 0; i < rows; i++) {
    e.set([Math.cos(xs[2 * i]), Math.sin(xs[2 * i]), Math.cos(xs[2 * i + 1])], 4 * i);
    e[4 * i + 3] = Math.sin(xs[2 * i + 1]);
  }
  return tf.tensor2d(e, [rows, 4]);
}

/** The time input the network was trained with (formed in float64, as training does). */
export function networkTime(info: ManifoldNetworkInfo, t: number): number {
  if (info.output === 'velocity') return 1000 * t;
  return (1000 * Math.log(t / info.tauMin)) / Math.log(info.tauMax / info.tauMin);
}

/**
 * The network's tangent output at every row of xs at time t, as trained (√τ·score or velocity):
 * the forward pass in tfjs, then the tangent projection in float64.
 */
export function manifoldNetworkOutput(
  loaded: LoadedModel,
  info: ManifoldNetworkInfo,
  xs: Float64Array,
  t: number,
): Float64Array {
  const m = MANIFOLDS[info.manifold];
  const arch = loaded.modelJson.architecture as unknown as Mlp2dArchitecture;
  const raw = tf.tidy(() =>
    mlp2dForward(loaded.weights, arch, embedInput(m, xs), networkTime(info, t)),
  );
  const out = Float64Array.from(raw.dataSync());
  raw.dispose();
  m.toTangent(xs, out);
  return out;
}

/** The network as the samplers' field: ∇log p_τ (the output over √τ) or the velocity. */
export function manifoldNetworkField(loaded: LoadedModel): TangentField {
  const info = manifoldNetworkInfo(loaded.entry.id, loaded.modelJson);
  return (xs, t, out) => {
    const v = manifoldNetworkOutput(loaded, info, xs, t);
    const scale = info.output === 'score' ? 1 / Math.sqrt(t) : 1;
    for (let k = 0; k < v.length; k++) out[k] = scale * v[k];
  };
}
