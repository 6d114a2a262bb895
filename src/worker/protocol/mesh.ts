/**
 * The mesh view's worker jobs and their frame layouts (Float32Array, one per frame). Both
 * sides use these encoders and decoders, so each layout is written down once, here.
 */
import type { SceneSettings } from '../../core/scene/settings';
import type { Model2d } from './';

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
 * both lanes. Resolves to encodeMeshPath's layout.
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

const withTail = (head: number[], ...tails: ArrayLike<number>[]) => {
  const out = new Float32Array(head.length + tails.reduce((a, t) => a + t.length, 0));
  out.set(head);
  let at = head.length;
  for (const t of tails) {
    out.set(t, at);
    at += t.length;
  }
  return out;
};

export function encodeMeshFrame(f: MeshFrame): Float32Array {
  if (f.kind === 'lattice') {
    return withTail([0, f.lane, f.frame, f.step, f.t, f.sigma, f.scale, f.extent, f.nfe], f.points);
  }
  return withTail(
    [1, f.lane, f.perParticle.length, f.mean, f.median, f.steps, f.shown],
    f.perParticle,
    f.paths,
  );
}

export function decodeMeshFrame(d: Float32Array): MeshFrame {
  if (d[0] === 0) {
    return {
      kind: 'lattice',
      lane: d[1],
      frame: d[2],
      step: d[3],
      t: d[4],
      sigma: d[5],
      scale: d[6],
      extent: d[7],
      nfe: d[8],
      points: d.subarray(9),
    };
  }
  if (d[0] === 1) {
    const n = d[2];
    return {
      kind: 'straightness',
      lane: d[1],
      mean: d[3],
      median: d[4],
      steps: d[5],
      shown: d[6],
      perParticle: d.subarray(7, 7 + n),
      paths: d.subarray(7 + n),
    };
  }
  throw new Error(`mesh frame: unknown kind ${d[0]}`);
}

/** A dragged point's paths: per lane its straightness and steps + 1 points, t_max to t_min. */
export interface MeshPaths {
  straightness: [number, number];
  paths: [Float32Array, Float32Array];
}

export function encodeMeshPaths(p: MeshPaths): Float32Array {
  return withTail(
    [p.paths[0].length / 2, p.straightness[0], p.straightness[1]],
    p.paths[0],
    p.paths[1],
  );
}

export function decodeMeshPaths(d: Float32Array): MeshPaths {
  const k = 2 * d[0];
  return {
    straightness: [d[1], d[2]],
    paths: [d.subarray(3, 3 + k), d.subarray(3 + k, 3 + 2 * k)],
  };
}
