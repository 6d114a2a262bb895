/** The manifold view's worker job and frames (S² and T²; core/manifold). */
import type { ManifoldId } from '../../core/manifold/manifolds';

/** Data sets per manifold: the world's cities and a vMF mixture on S²; two wrapped-normal sets on T². */
export const MANIFOLD_DATA = {
  sphere: ['cities', 'vmf'],
  torus: ['wrapped', 'dihedral'],
} as const;
export type ManifoldDataId = (typeof MANIFOLD_DATA)[ManifoldId][number];

/** Points the exact models condition on (cities: population-weighted draws or the largest). */
export const MANIFOLD_DATA_POINTS = 800;

/**
 * One run: the data set, the forward Brownian motion from it (with the exact score at some of its
 * times) and the four reverse lanes from the same noise (core/manifold/lanes.ts LANE_IDS).
 */
export interface ManifoldJob {
  kind: 'manifold';
  manifold: ManifoldId;
  data: ManifoldDataId;
  /** Cities drawn in proportion to population (otherwise the largest, once each). */
  weighted: boolean;
  steps: number;
  particles: number;
  seed: number;
  /** ODE lanes: Heun, or Euler. */
  heun: boolean;
  /** The score and velocity: exact (of the conditioning points) or the shipped networks. */
  model: ManifoldModel;
}

export const MANIFOLD_MODELS = ['exact', 'network'] as const;
export type ManifoldModel = (typeof MANIFOLD_MODELS)[number];

/** The shipped networks of a data set: `${prefix}-${data}` (training/train_manifold.py). */
export const MANIFOLD_NETWORKS = {
  score: { prefix: 'rsgm', name: 'score network' },
  velocity: { prefix: 'rfm', name: 'flow-matching network' },
} as const;

/** Score arrows are sent for this many forward frames at most (evenly spread). */
export const MANIFOLD_FIELD_FRAMES = 24;

/** Points are rows of 3 (unit vectors) on S², of 2 (angles in [−π, π)) on T². */
export type ManifoldFrame =
  | { kind: 'data'; points: Float32Array }
  /** Forward frame k of steps + 2 (the data, then τ_min … τ_max). */
  | { kind: 'forward'; frame: number; time: number; points: Float32Array }
  /** The exact score ∇log p_τ at the field's base points (`base`, sent with the first). */
  | { kind: 'field'; frame: number; time: number; base: Float32Array; vectors: Float32Array }
  /**
   * Reverse lane `lane` after `frame` steps (0: the start): its points on the manifold, and for
   * the naive lane the mean distance of its ambient state from the manifold before projection.
   */
  | {
      kind: 'lane';
      lane: number;
      frame: number;
      time: number;
      points: Float32Array;
      offManifold: number;
      nfe: number;
    };
