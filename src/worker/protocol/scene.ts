/** The 2D playground's jobs (self-test, scene, forward noising) and their frames. */
import type { Region } from '../../core/guidance/region';
import type { SceneSettings } from '../../core/scene/settings';
import type { SamplerParams } from '../../core/samplers/types';

/**
 * The 2D model kinds: the analytic model, a shipped network (`<kind>-<dataset>`), a distilled
 * student that runs its own sampler and steps ('distill': distill-<dataset>-<N>, 'consistency':
 * consistency-<dataset>), or the network trained or uploaded in this page's Train view ('trained').
 */
export type Model2d = 'exact' | 'mlp' | 'fm' | 'reflow' | 'distill' | 'consistency' | 'trained';

/** The distilled 2D model kinds, which run their own sampler and steps. */
export type StudentModel2d = Extract<Model2d, 'distill' | 'consistency'>;

/** Whether a 2D model kind names the distilled students. */
export function isStudent2d(model: string): model is StudentModel2d {
  return model === 'distill' || model === 'consistency';
}

const STUDENT_NAMES: Record<StudentModel2d, string> = {
  distill: 'progressively distilled students',
  consistency: 'consistency models',
};

/**
 * What a view that does not run students (the lab, the mesh: they set samplers and steps
 * themselves) says when a link asks for them; it then runs the exact model.
 */
export function studentElsewhereNotice(kind: StudentModel2d, view: string): string {
  return `model=${kind}: the ${STUDENT_NAMES[kind]} run their own sampler and steps, so they run in the playground views only; in the ${view} the exact model runs instead`;
}

/** A fixed small computation whose value the tests recompute independently (thread/selftest.ts). */
export interface SelfTestJob {
  kind: 'selftest';
}

/**
 * A 2D sampling run: every step streams particles and x0 estimates. The score field costs a
 * model evaluation on a grid, so it is not streamed: the page asks for it (a `field` request)
 * for the frames it draws, and only those pay for it.
 */
export interface SceneJob {
  kind: 'scene';
  settings: SceneSettings;
  /** 'mlp': the data set's trained diffusion MLP; 'fm': its trained flow-matching MLP. */
  model: Model2d;
  /** A field asked for is evaluated on a size×size grid over its frame's view square. */
  fieldSize: number;
  /** A second sampler run in lockstep from the same x_T and noise seed (frames on lane 1). */
  second?: { sampler: string; samplerParams: SamplerParams };
  /** A user's point set (flat x, y) when settings.dataset is 'custom': the exact model is its empirical denoiser. */
  data?: Float64Array;
}

/**
 * Forward noising at one time: one frame of x_t = s(x0 + σε), with data x0 and noise ε fixed by
 * the seed, and the exact log-density of the noised marginal on a grid.
 */
export interface ForwardJob {
  kind: 'forward';
  settings: SceneSettings;
  /** Fraction of the process's time range, 0 (data) to 1 (t_max). */
  t: number;
  densitySize: number;
  /** A user's point set when settings.dataset is 'custom' (x0 is resampled from it). */
  data?: Float64Array;
}

/** Per-frame facts of scene, lockstep, forward and image frames. */
export interface FrameInfo {
  sigma: number;
  t: number;
  scale: number;
  /** Model evaluations so far in this run. */
  nfe: number;
  /** Wall time of this step in the worker. */
  ms: number;
  /** Half-width L of the view square [−L, L]² that holds this frame (display coordinates). */
  extent: number;
  /** Which run of a lockstep job the frame belongs to (0 for single runs). */
  lane: number;
  /** Process times t at which this step evaluated the model, in call order (scene frames). */
  evalTimes?: number[];
}

/** One step of a scene or lockstep lane; n particles, flat (x, y). */
export interface SceneFrame {
  /** Particles in the process's own coordinates x_t = s(t)·x (2n). */
  x: Float32Array;
  /** The x0 estimates (2n; zeros in the first frame, before any step). */
  x0: Float32Array;
  /**
   * At each grid point g of the frame's view square (squareGrid order), the denoising
   * displacement s·D(g/s, σ) − g, parallel to the score (2·size²; zeros at σ = 0). Empty in
   * scene frames, whose fields come on request (FieldRequest).
   */
  field: Float32Array;
}

/** The score field of one step of the current scene run, asked for when the page draws it. */
export interface FieldRequest {
  runId: number;
  step: number;
}

/** The forward view's frame: x_t (2n) and log p_t on a densitySize² grid. */
export interface ForwardFrame {
  x: Float32Array;
  logp: Float32Array;
}

/**
 * How well a region-constrained run did (docs/GUIDANCE.md): the share of its final particles
 * inside the region, and their sliced Wasserstein-1 distance to exact draws of the data
 * restricted to it (rejection sampling; for a user's point set, its points inside).
 */
export interface RegionReadoutJob {
  kind: 'region-readout';
  dataset: string;
  region: Region;
  /** Final particles, flat (x, y) pairs. */
  particles: Float32Array;
  /** A user's point set when dataset is 'custom'. */
  data?: Float64Array;
  seed: number;
}

export interface RegionReadout {
  share: number;
  swd: number;
  /** The same distance between two independent reference draws of the same size. */
  floor: number;
  references: number;
}

/**
 * How well a class-guided run did: the share of its final particles the exact mixture
 * classifier assigns to the class (at σ = 0.01), and their sliced W1 to exact draws of the
 * class-conditional N(μ_k, C_k), with the floor of two such draws.
 */
export interface ClassReadoutJob {
  kind: 'class-readout';
  dataset: string;
  classId: number;
  particles: Float32Array;
  seed: number;
}

export interface ClassReadout {
  agreement: number;
  swd: number;
  floor: number;
  references: number;
}
