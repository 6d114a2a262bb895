import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs-core';
import { nearestLatents, parseLatentSet } from '../core/data/latentData';
import { normals } from '../core/rng';
import { Flags, parseFlags, UsageError } from './args';
import { SEED_MAX } from './format';
import { TRAINED_LATENT_MODEL } from './latentIds';
import { parseTruncate, PRIOR_KEY, sampleBatch, vpRun } from './latentRuns';
import { availableModel, readManifest } from './modelFiles';
import { BACKEND_IDS, MAX_GUIDANCE, MAX_IMAGES, MAX_STEPS } from './sampleOptions';

const FLAGS = {
  model: 'string',
  class: 'string',
  guidance: 'number',
  truncate: 'string',
  sampler: 'string',
  steps: 'int',
  n: 'int',
  seed: 'int',
  backend: 'string',
  models: 'string',
  data: 'string',
  out: 'string',
} as const;

/**
 * `sample --model mlp-<dataset>-latent<d>d`: n latents from the trained denoiser on its own process
 * (DDPM linear VP, trailing timesteps), for --class with guidance --guidance (no --class:
 * unconditional), optionally truncated (--truncate σ or t=T: started from the prior sample z ~ N(0, I)
 * diffused to σ_s), decoded by the model's autoencoder; with each latent's nearest encoded training
 * latent from public/data (memorisation check).
 */
export async function trainedLatentSample(
  args: readonly string[],
  defaults: { modelsDir: string; dataDir: string },
): Promise<Record<string, unknown>> {
  const f = new Flags(parseFlags(args, FLAGS));
  const withSlash = (dir: string) => (dir.endsWith('/') ? dir : `${dir}/`);
  const modelsDir = withSlash(f.string('models', defaults.modelsDir));
  const dataDir = withSlash(f.string('data', defaults.dataDir));
  const model = f.string('model', '');
  const steps = f.number('steps', 50, 1, MAX_STEPS);
  const samplerId = f.string('sampler', 'ddim');
  let run;
  try {
    run = vpRun(samplerId, steps);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const n = f.number('n', 16, 1, MAX_IMAGES);
  const seed = f.number('seed', 0, 0, SEED_MAX);
  const guidance = f.number('guidance', 1, 0, MAX_GUIDANCE);
  const backend = f.choice('backend', BACKEND_IDS, 'cpu');
  const truncate = parseTruncate(
    f.has('truncate') ? f.string('truncate', '') : undefined,
    run.schedule,
  );

  const manifest = await readManifest(modelsDir);
  const entry = availableModel(manifest, model, 'mlp2d', (ids) => {
    const latent = ids.filter((id) => TRAINED_LATENT_MODEL.test(id));
    return `no trained latent denoiser "${model}"; shipped: ${latent.join(', ') || 'none'}`;
  });
  const names = entry.classes ?? [];
  const classArg = f.has('class') ? f.string('class', '') : null;
  const classId =
    classArg === null
      ? null
      : names.indexOf(classArg) >= 0
        ? names.indexOf(classArg)
        : Number(classArg);
  if (classId !== null && !(Number.isInteger(classId) && classId >= 0 && classId < names.length))
    throw new UsageError(
      `--class must be 0..${names.length - 1} or one of ${names.join(', ')}, got "${classArg}"`,
    );

  const net = await import('./networks');
  const latentNet = await import('./latentNetworks');
  await net.useBackend(backend);
  const { info, denoiser } = await latentNet.loadLatentNetwork(entry, modelsDir);
  const ae = await net.loadAutoencoder(
    availableModel(
      manifest,
      info.autoencoder,
      'autoencoder',
      () => `model "${model}" needs the autoencoder "${info.autoencoder}", which is not shipped`,
    ),
    modelsDir,
  );
  const d = info.latentDim;
  const t0 = performance.now();
  const prior = Number.isNaN(truncate)
    ? undefined
    : tf.tensor2d(Float32Array.from(normals(seed, PRIOR_KEY, n * d)), [n, d], 'float32');
  const out = sampleBatch(
    run,
    denoiser(classId, guidance),
    [d],
    n,
    seed,
    prior && { x: prior, sigmaStart: truncate },
  );
  const z = Float64Array.from(out.x.dataSync());
  const sampleTimeMs = performance.now() - t0;
  tf.dispose([out.x, ...(prior ? [prior] : [])]);

  const set = parseLatentSet(await readFile(`${dataDir}${entry.dataset}.json`, 'utf8'));
  const nearest = nearestLatents(set, z).map(({ index, distance }) => ({
    trainingIndex: set.indices.length ? set.indices[index] : index,
    label: set.classNames[set.labels[index]] ?? set.labels[index],
    distance,
  }));
  return {
    command: 'sample',
    settings: {
      model,
      autoencoder: info.autoencoder,
      latentDim: d,
      class: classId,
      className: classId === null ? null : names[classId],
      guidance,
      sampler: samplerId,
      steps,
      spacing: 'trailing',
      n,
      seed,
      backend,
      ...(Number.isNaN(truncate)
        ? {}
        : { truncate: { sigma: out.sigmaStart, from: 'prior sample z ~ N(0, I)' } }),
    },
    nfe: out.nfe,
    sampleTimeMs,
    latents: Array.from({ length: n }, (_, i) => Array.from(z.subarray(i * d, (i + 1) * d))),
    nearest,
    images: {
      height: ae.height,
      width: ae.width,
      encoding: 'uint8 rows, value / 127.5 - 1 in [-1, 1]',
      pixels: net.decodeLatents(ae, z, n),
    },
  };
}
