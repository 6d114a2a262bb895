import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { exactLatentModel, nearestLatents, parseLatentSet } from '../core/data/latentData';
import { float64Host } from '../core/host';
import { INITIAL_NOISE_KEY, normals } from '../core/rng';
import { runToEnd } from '../core/samplers/driver';
import { getSampler, SAMPLERS } from '../core/samplers/registry';
import { karrasSigmas } from '../core/schedules/sigmas';
import { Flags, parseFlags, UsageError } from './args';
import { SEED_MAX } from './format';
import { availableModel, DEFAULT_MODELS_DIR, readManifest } from './modelFiles';
import { LATENT_MODEL, TRAINED_LATENT_MODEL } from './latentIds';
import { BACKEND_IDS, MAX_IMAGES, MAX_STEPS } from './sampleOptions';

/** public/data/ of this checkout, ending in "/". */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../public/data/', import.meta.url));

const LATENT_FLAGS = {
  model: 'string',
  sampler: 'string',
  steps: 'int',
  n: 'int',
  seed: 'int',
  'sigma-max': 'number',
  backend: 'string',
  models: 'string',
  data: 'string',
  out: 'string',
} as const;

/** The value of `--model` (or `--model=`) on a command line, if any. */
function modelArg(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--model') return argv[i + 1] ?? null;
    if (argv[i].startsWith('--model=')) return argv[i].slice(8);
  }
  return null;
}

/** Whether a `sample` command line names a latent model (`--model fashion-latent2d`, a trained
 * `mlp-fashion-latent2d`). */
export function isLatentSample(argv: readonly string[]): boolean {
  const v = modelArg(argv);
  return v != null && (LATENT_MODEL.test(v) || TRAINED_LATENT_MODEL.test(v));
}

/** Far below the spacing of the encoded training set (median nearest-neighbour distance 0.04 in
 * fashion-latent2d), so every run settles on one training latent rather than between two (at 0.002,
 * 1 in 6 samples ended 0.002 from the nearest). */
const SIGMA_MIN = 1e-4;

const withSlash = (dir: string) => (dir.endsWith('/') ? dir : `${dir}/`);

/**
 * `sample --model <dataset>-latent<d>d`: n latents sampled with the exact empirical denoiser over the
 * encoded training set (float64, Karras σ grid from --sigma-max down to SIGMA_MIN, then 0), each with its
 * nearest encoded training latent, and the images the autoencoder decodes them to (tfjs).
 */
export async function latentSampleCommand(
  argv: readonly string[],
): Promise<Record<string, unknown>> {
  // `-n N` is `--n N`: parseFlags reads `--` flags only.
  const args = argv.map((a) => (a === '-n' ? '--n' : a.startsWith('-n=') ? `--n${a.slice(2)}` : a));
  if (TRAINED_LATENT_MODEL.test(modelArg(args) ?? ''))
    return (await import('./latentTrained')).trainedLatentSample(args, {
      modelsDir: DEFAULT_MODELS_DIR,
      dataDir: DEFAULT_DATA_DIR,
    });
  const f = new Flags(parseFlags(args, LATENT_FLAGS));
  const model = f.string('model', '');
  const match = LATENT_MODEL.exec(model);
  if (!match) throw new UsageError(`--model must look like fashion-latent2d, got "${model}"`);
  const [, dataset, d] = match;
  const samplerId = f.string('sampler', 'heun');
  const sampler = getSampler(samplerId);
  if (!sampler)
    throw new UsageError(
      `--sampler must be one of ${SAMPLERS.map((s) => s.id).join(', ')}, got "${samplerId}"`,
    );
  const steps = f.number('steps', 40, 1, MAX_STEPS);
  const n = f.number('n', 16, 1, MAX_IMAGES);
  const seed = f.number('seed', 0, 0, SEED_MAX);
  const sigmaMax = f.number('sigma-max', 20, 0.01, 1000);
  const backend = f.choice('backend', BACKEND_IDS, 'cpu');
  const modelsDir = withSlash(f.string('models', DEFAULT_MODELS_DIR));
  const dataPath = `${withSlash(f.string('data', DEFAULT_DATA_DIR))}${model}.json`;

  const manifest = await readManifest(modelsDir);
  const entry = availableModel(
    manifest,
    `${dataset}-vae${d}`,
    'autoencoder',
    (ids) =>
      `no autoencoder "${dataset}-vae${d}" for --model ${model}; shipped: ${ids.join(', ') || 'none'}`,
  );
  let text: string;
  try {
    text = await readFile(dataPath, 'utf8');
  } catch {
    throw new UsageError(`--model ${model}: its encoded training set ${dataPath} is missing`);
  }
  const set = parseLatentSet(text);
  if (set.model !== entry.id)
    throw new Error(`${dataPath} was encoded by "${set.model}", not by "${entry.id}"`);

  const sigmas = karrasSigmas(steps, Math.min(SIGMA_MIN, sigmaMax / 2), sigmaMax);
  const t0 = performance.now();
  const { x, nfe } = runToEnd({
    host: float64Host,
    sampler,
    params: sampler.defaults,
    grid: { sigmas },
    denoise: exactLatentModel(set).denoise,
    noise: (key) => normals(seed, key, n * set.dim),
    x: normals(seed, INITIAL_NOISE_KEY, n * set.dim).map((v) => v * sigmaMax),
  });
  const sampleTimeMs = performance.now() - t0;
  const nearest = nearestLatents(set, x).map(({ index, distance }) => ({
    trainingIndex: set.indices.length ? set.indices[index] : index,
    label: set.classNames[set.labels[index]] ?? set.labels[index],
    distance,
  }));

  const net = await import('./networks');
  await net.useBackend(backend);
  const ae = await net.loadAutoencoder(entry, modelsDir);
  const pixels = net.decodeLatents(ae, x, n);
  const latents = Array.from({ length: n }, (_, i) =>
    Array.from(x.subarray(i * set.dim, (i + 1) * set.dim)),
  );
  return {
    command: 'sample',
    settings: {
      model,
      autoencoder: entry.id,
      latentDim: set.dim,
      sampler: samplerId,
      steps,
      n,
      seed,
      sigmaMax,
      grid: 'karras',
      backend,
      data: `data/${model}.json`,
    },
    nfe,
    sampleTimeMs,
    latents,
    nearest,
    images: {
      height: ae.height,
      width: ae.width,
      encoding: 'uint8 rows, value / 127.5 - 1 in [-1, 1]',
      pixels,
    },
  };
}
