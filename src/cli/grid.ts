import { DATASET_IDS } from '../core/data';
import { exactModel } from '../core/data/exact';
import { optimiseSigmaGrid } from '../core/lab/gridSearch';
import { makeProcess } from '../core/scene/build';
import { DEFAULT_SCENE, PROCESS_IDS } from '../core/scene/settings';
import { benchmarkSetup } from '../core/samplers/convergence';
import { requireSampler, SAMPLERS } from '../core/samplers/registry';
import { Flags, parseFlags, UsageError } from './args';

export const GRID_FLAGS = {
  dataset: 'string',
  process: 'string',
  sampler: 'string',
  steps: 'int',
  out: 'string',
} as const;

/**
 * `grid`: a σ grid optimised for one sampler (defaults) on a data set's exact model over a
 * continuous process's σ range (core/lab/gridSearch.ts). The app's grid of `--steps N` is N σ's then
 * 0, so the search places N σ's from σ_max to σ_min (N − 1 intervals) and the step onto 0 follows;
 * `link` is the `sigmas=` field that runs it in any view.
 */
export function gridCommand(argv: readonly string[]): Record<string, unknown> {
  const f = new Flags(parseFlags(argv, GRID_FLAGS));
  const dataset = f.string('dataset', DEFAULT_SCENE.dataset);
  if (!DATASET_IDS.includes(dataset))
    throw new UsageError(`unknown data set "${dataset}"; known: ${DATASET_IDS.join(', ')}`);
  const process = f.choice(
    'process',
    PROCESS_IDS.filter((p) => p !== 'vp-discrete'),
    'edm',
  );
  const samplerId = f.choice(
    'sampler',
    SAMPLERS.map((s) => s.id),
    'euler',
  );
  const def = requireSampler(samplerId);
  if (def.stochastic(def.defaults))
    throw new UsageError(`--sampler ${samplerId} is stochastic; the search needs an ODE sampler`);
  const steps = f.number('steps', 10, 2, 64);
  const p = makeProcess({ ...DEFAULT_SCENE, process });
  const [sigmaMin, sigmaMax] = [p.sigma(p.tMin), p.sigma(p.tMax)];
  const setup = benchmarkSetup(
    exactModel(dataset).model.denoise,
    requireSampler('rk45'),
    7,
    sigmaMax,
    sigmaMin,
  );
  const t0 = performance.now();
  const found = optimiseSigmaGrid(def, def.defaults, setup, steps - 1);
  return {
    command: 'grid',
    settings: { dataset, process, sampler: samplerId, steps, sigmaMin, sigmaMax },
    wallTimeMs: performance.now() - t0,
    sigmas: found.sigmas,
    error: found.error,
    karrasError: found.karrasError,
    link: `process=${process}&sampler=${samplerId}&sigmas=${found.sigmas.map((s) => s.toPrecision(6)).join(',')}`,
  };
}
