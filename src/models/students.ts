import type { SceneSettings } from '../core/scene/settings';
import type { ModelEntry, ModelManifest } from './manifest';

/** The distilled 2D model kinds: progressive-distillation students and consistency models. */
export type Student2d = 'distill' | 'consistency';

const NAMES: Record<Student2d, string> = {
  distill: 'progressively distilled student',
  consistency: 'consistency model',
};

/** The shipped student a run uses, the step count it runs and the notice that says so. */
export interface StudentPick {
  entry: ModelEntry;
  sampler: string;
  steps: number;
  /** σ_0 > … > σ_{N−1} (the trailing 0 left off, as SceneSettings.customSigmas wants). */
  sigmas: number[];
  notice: string;
}

/** A student was asked for on a data set none was distilled for (the run falls back to exact). */
export class MissingStudentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingStudentError';
  }
}

function isStudentOf(entry: ModelEntry, kind: Student2d, dataset: string): boolean {
  const id = kind === 'distill' ? /^distill-(.+)-\d+$/ : /^consistency-(.+)$/;
  return entry.sampling !== undefined && id.exec(entry.id)?.[1] === dataset;
}

/**
 * The student of `kind` for `dataset` that runs `steps` steps, or the nearest: a distilled N-step
 * student (distill-<dataset>-<N>) runs DDIM on its own N-step grid; a consistency model
 * (consistency-<dataset>) runs multistep consistency sampling on the grid it states for N.
 * Wanted steps that no student has pick the fewest steps above them (else the most there are).
 */
export function pickStudent(
  manifest: ModelManifest,
  kind: Student2d,
  dataset: string,
  steps: number,
): StudentPick {
  const options = manifest.models
    .filter((m) => isStudentOf(m, kind, dataset))
    .flatMap((entry) => Object.keys(entry.sampling!.grids).map((n) => ({ entry, n: Number(n) })))
    .sort((a, b) => a.n - b.n);
  if (options.length === 0) {
    const trained = [
      ...new Set(
        manifest.models.filter((m) => isStudentOf(m, kind, m.dataset)).map((m) => m.dataset),
      ),
    ];
    throw new MissingStudentError(
      `no ${NAMES[kind]} is shipped for "${dataset}" (distilled for: ${trained.join(', ') || 'none'})`,
    );
  }
  const chosen = options.find((o) => o.n >= steps) ?? options[options.length - 1];
  const { entry, n } = chosen;
  const sampling = entry.sampling!;
  const grid = sampling.grids[String(n)];
  const offered = options.map((o) => o.n).join(', ');
  const asked = n === steps ? '' : ` (${steps} asked for; it has ${offered})`;
  return {
    entry,
    sampler: sampling.sampler,
    steps: n,
    sigmas: grid.slice(0, -1),
    notice: `${entry.id} runs ${sampling.sampler} with ${n} step${n === 1 ? '' : 's'} on its own σ grid${asked}`,
  };
}

/**
 * A scene's settings for a student: its sampler (default parameters: DDIM with η = 0) on its
 * grid. The grid is a σ grid, so the discrete VP chain gives way to the continuous VP process
 * (the same x_t = x/sqrt(1 + σ²) the page draws); other processes keep their own scaling.
 */
export function studentSettings(settings: SceneSettings, pick: StudentPick): SceneSettings {
  return {
    ...settings,
    process: settings.process === 'vp-discrete' ? 'vp' : settings.process,
    sampler: pick.sampler,
    samplerParams: {},
    steps: pick.steps,
    customSigmas: pick.sigmas,
  };
}
