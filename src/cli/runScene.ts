import { normals } from '../core/rng';
import { initialState, makeGrid, makeProcess, resolveSampler } from '../core/scene/build';
import type { SceneSettings } from '../core/scene/settings';
import type { ArrayHost } from '../core/host';
import { runToEnd } from '../core/samplers/driver';
import type { Denoiser } from '../core/samplers/types';
import { toRows } from './format';

export interface SceneRun<T> {
  /** A host that reads at once (the CLI's loop and frames are synchronous). */
  host: ArrayHost<T, ArrayLike<number>>;
  settings: SceneSettings;
  denoise: Denoiser<T>;
  /** Numbers per sample: 2 for points, H·W·C for images. */
  dim: number;
  trajectory: boolean;
}

export interface TrajectoryFrame {
  step: number;
  sigma: number;
  t: number;
  /** s(t): states below are the process's x_t = s(t)·x, as the app draws them. */
  scale: number;
  x: number[][];
  /** The step's x0 estimate (null before the first step). */
  x0: number[][] | null;
}

export interface SceneResult {
  nfe: number;
  nfePerStep: number;
  wallTimeMs: number;
  sigmas: readonly number[];
  samples: number[][];
  trajectory?: TrajectoryFrame[];
}

/**
 * One sampling run exactly as the app's worker does it: the scene's process and grid,
 * x_T from the seed's initial stream, per-step noise from the seed's counter-based streams.
 */
export function runScene<T>(run: SceneRun<T>): SceneResult {
  const s = run.settings;
  const { host, dim } = run;
  const process = makeProcess(s);
  const grid = makeGrid(s, process);
  const { def, params } = resolveSampler(s.sampler, s.samplerParams);
  const scaleAt = (sigma: number) => (sigma === 0 ? 1 : process.scale(process.tOfSigma(sigma)));
  const timeAt = (sigma: number) => (sigma === 0 ? process.tMin : process.tOfSigma(sigma));
  const scaled = (x: T, sigma: number) => {
    const values = Float64Array.from(host.read(x));
    const k = scaleAt(sigma);
    for (let i = 0; i < values.length; i++) values[i] *= k;
    return toRows(values, dim);
  };
  const frame = (step: number, x: T, x0: T | null): TrajectoryFrame => {
    const sigma = grid.sigmas[step];
    return {
      step,
      sigma,
      t: timeAt(sigma),
      scale: scaleAt(sigma),
      x: scaled(x, sigma),
      x0: x0 === null ? null : toRows(host.read(x0), dim),
    };
  };

  const t0 = performance.now();
  const x = host.fromFloat64(initialState(s.particles, dim, s.seed, grid.sigmas[0]));
  const trajectory = run.trajectory ? [frame(0, x, null)] : undefined;
  const done = runToEnd({
    host,
    sampler: def,
    params,
    grid,
    denoise: run.denoise,
    noise: (key) => host.fromFloat64(normals(s.seed, key, s.particles * dim)),
    x,
    frame: trajectory
      ? (i, r) => {
          trajectory.push(frame(i + 1, r.x, r.x0));
        }
      : undefined,
  });
  const samples = scaled(done.x, grid.sigmas[grid.sigmas.length - 1]);
  const wallTimeMs = performance.now() - t0;
  host.release([done.x]);
  return {
    nfe: done.nfe,
    nfePerStep: def.nfePerStep(params),
    wallTimeMs,
    sigmas: grid.sigmas,
    samples,
    ...(trajectory ? { trajectory } : {}),
  };
}
