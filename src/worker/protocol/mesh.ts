/** The mesh view's worker jobs, frames and results. */
import type { SceneSettings } from '../../core/scene/settings';
import type { Model2d } from './scene';

/**
 * A regular lattice at the start of the grid (t ≈ 1) carried by the scene's ODE sampler to
 * t_min, once on the rectified flow and once on the diffusion process (core/mesh/lanes.ts);
 * then, for `particles` > 0, that many x_T from the seed solved finely on both for their
 * straightness. The sampler must be deterministic (the view substitutes one otherwise).
 */
export interface MeshJob {
  kind: 'mesh';
  settings: SceneSettings;
  model: Model2d;
  flowShift: number;
  /** Lattice lines per direction. */
  lines: number;
  particles: number;
}

/**
 * The ODE path through one point, placed at a time fraction of each process (0 = t_min,
 * 1 = t_max) in the process's coordinates, solved backwards to t_max and forwards to t_min on
 * both lanes. Resolves to MeshPaths.
 */
export interface MeshPathJob {
  kind: 'meshPath';
  settings: SceneSettings;
  model: Model2d;
  flowShift: number;
  point: [number, number];
  fraction: number;
}

/** Lane 0 is the flow, lane 1 the diffusion process. */
export const MESH_LANES = ['flow', 'diffusion'] as const;

/** Lattice frames kept per lane at most (every k-th grid step, the first and last always). */
export const MAX_MESH_FRAMES = 200;

/** Heun steps of the fine solves (straightness particles and dragged paths), tMax to tMin. */
export const PATH_STEPS = 120;

/** Whole paths of this many straightness particles are sent for drawing. */
export const SHOWN_PATHS = 12;

export interface LatticeFrame {
  kind: 'lattice';
  lane: number;
  /** Index among this lane's kept frames, and the grid step it shows. */
  frame: number;
  step: number;
  t: number;
  sigma: number;
  scale: number;
  /** Half-width of the view square at this frame (process coordinates). */
  extent: number;
  nfe: number;
  /** Lattice points in the process's coordinates x_t = s(t)·x. */
  points: Float32Array;
}

export interface StraightnessFrame {
  kind: 'straightness';
  lane: number;
  mean: number;
  median: number;
  perParticle: Float32Array;
  /** The first `shown` particles' paths, each steps + 1 points (x, y), t_max to t_min. */
  steps: number;
  shown: number;
  paths: Float32Array;
}

export type MeshFrame = LatticeFrame | StraightnessFrame;

/** A dragged point's paths: per lane its straightness and steps + 1 points, t_max to t_min. */
export interface MeshPaths {
  straightness: [number, number];
  paths: [Float32Array, Float32Array];
}
