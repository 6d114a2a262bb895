import { Flags, parseFlags, UsageError } from './args';
import { BACKEND_IDS, type SampleOptions } from './sampleOptions';

export const SPEEDUP_FLAGS = {
  datasets: 'string',
  nfe: 'string',
  'teacher-nfe': 'string',
  n: 'int',
  repeats: 'int',
  projections: 'int',
  paths: 'int',
  'path-steps': 'int',
  backend: 'string',
  models: 'string',
  out: 'string',
} as const;

/** The data sets with shipped students, flow models and reflowed flow models. */
export const SPEEDUP_DATASETS = ['gaussians8', 'moons', 'swissroll'] as const;

export interface SpeedupOptions {
  datasets: string[];
  /** NFE of the students (where one is shipped for it), the flow model and the reflowed one. */
  nfes: number[];
  /** NFE of the teacher's DDIM runs: the yardstick "teacher NFE to match" reads. */
  teacherNfes: number[];
  /** Samples per run and held-out points per block. */
  points: number;
  /** Seeds 0..repeats−1: sampler seed k, held-out block k, projection seed k. */
  repeats: number;
  projections: number;
  /** Noise rows and Euler steps of the straightness estimate. */
  paths: number;
  pathSteps: number;
  backend: SampleOptions['backend'];
  modelsDir?: string;
}

const MAX_NFE = 1000;

/** A comma list of whole numbers in 1..max, ascending and without repeats. */
function nfeList(f: Flags, name: string, fallback: string): number[] {
  const raw = f.string(name, fallback);
  const values = raw.split(',').map((s) => Number(s.trim()));
  if (values.some((v) => !Number.isInteger(v) || v < 1 || v > MAX_NFE))
    throw new UsageError(
      `--${name} must be a comma list of integers in 1..${MAX_NFE}, got "${raw}"`,
    );
  return [...new Set(values)].sort((a, b) => a - b);
}

export function parseSpeedupOptions(argv: readonly string[]): SpeedupOptions {
  const f = new Flags(parseFlags(argv, SPEEDUP_FLAGS));
  const datasets = f
    .string('datasets', SPEEDUP_DATASETS.join(','))
    .split(',')
    .map((s) => s.trim());
  const unknown = datasets.filter((d) => !(SPEEDUP_DATASETS as readonly string[]).includes(d));
  if (unknown.length > 0 || datasets.length === 0)
    throw new UsageError(
      `--datasets takes a comma list of ${SPEEDUP_DATASETS.join(', ')} (the data sets with students and a reflowed flow), got "${unknown.join(',')}"`,
    );
  return {
    datasets: [...new Set(datasets)],
    nfes: nfeList(f, 'nfe', '1,2,4,8,16'),
    teacherNfes: nfeList(f, 'teacher-nfe', '1,2,4,8,16,32,64'),
    points: f.number('n', 5000, 16, 50_000),
    repeats: f.number('repeats', 3, 1, 10),
    projections: f.number('projections', 256, 1, 4096),
    paths: f.number('paths', 2000, 1, 100_000),
    pathSteps: f.number('path-steps', 100, 1, 10_000),
    backend: f.choice('backend', BACKEND_IDS, 'wasm'),
    ...(f.has('models') ? { modelsDir: f.string('models', '') } : {}),
  };
}
