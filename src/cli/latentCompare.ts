import * as tf from '@tensorflow/tfjs-core';
import { normals } from '../core/rng';
import type { Denoiser } from '../core/samplers/types';
import type { LatentAutoencoder } from '../models/vae';
import { Flags, parseFlags } from './args';
import { SEED_MAX } from './format';
import { availableModel, DEFAULT_MODELS_DIR, readManifest } from './modelFiles';
import { BACKEND_IDS, MAX_GUIDANCE, MAX_STEPS } from './sampleOptions';
import { parseTruncate, PRIOR_KEY, sampleBatch, vpRun, type VpRun } from './latentRuns';

const FLAGS = {
  'per-class': 'int',
  steps: 'int',
  guidance: 'number',
  seed: 'int',
  truncate: 'list',
  'truncate-from': 'string',
  backend: 'string',
  models: 'string',
  out: 'string',
} as const;

const CLASSES = 10;
/** The pixel model, the latent models and their autoencoders, the scorer (docs/LATENT.md). */
const PIXEL = 'fashion';
const LATENT = [
  { id: 'mlp-fashion-latent16d', space: 'latent 16D' },
  { id: 'mlp-fashion-latent2d', space: 'latent 2D' },
];
const TRUNCATION_VAE = 'fashion-vae16';

export interface CompareRow {
  method: string;
  nfe: number;
  /** Median over the classes of (sampling + decoding time of the class's batch) / batch size. */
  msPerImage: number;
  agreement: number;
  fd: number;
  sigmaStart?: number;
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
};

/**
 * `latent-compare`: class-conditional Fashion-MNIST with classifier-free guidance, the same DDIM grid
 * and seeds (class c uses seed + c), in pixel space (the `fashion` UNet), in the 16D and 2D latent
 * spaces (trained latent denoisers, decoded by their VAEs), and truncated pixel diffusion started from
 * fashion-vae16's decoded prior samples (--truncate-from latent: the 16D latent model's decoded samples)
 * at each --truncate σ (core/latent/truncated.ts). Scores: the bundled classifier's agreement
 * with the requested class and the Fréchet distance of its features to the shipped test images.
 */
export async function latentCompareCommand(
  argv: readonly string[],
): Promise<Record<string, unknown>> {
  const f = new Flags(parseFlags(argv, FLAGS));
  const perClass = f.number('per-class', 10, 2, 256);
  const steps = f.number('steps', 50, 1, MAX_STEPS);
  const guidance = f.number('guidance', 2, 0, MAX_GUIDANCE);
  const seed = f.number('seed', 0, 0, SEED_MAX - CLASSES);
  const backend = f.choice('backend', BACKEND_IDS, 'cpu');
  const truncateFrom = f.choice('truncate-from', ['prior', 'latent'] as const, 'prior');
  const dir = f.string('models', DEFAULT_MODELS_DIR);
  const modelsDir = dir.endsWith('/') ? dir : `${dir}/`;
  const run = vpRun('ddim', steps);
  const truncations = f
    .list('truncate')
    .flatMap((v) => v.split(','))
    .map((v) => parseTruncate(v, run.schedule));

  const manifest = await readManifest(modelsDir);
  const need = (id: string, kind: Parameters<typeof availableModel>[2]) =>
    availableModel(
      manifest,
      id,
      kind,
      (ids) => `latent-compare needs model "${id}"; shipped: ${ids.join(', ')}`,
    );
  const net = await import('./networks');
  const latentNet = await import('./latentNetworks');
  await net.useBackend(backend);
  const pixelEntry = need(PIXEL, 'unet');
  const scorer = await latentNet.loadImageScorer(
    need('fashion-classifier', 'classifier'),
    pixelEntry,
    modelsDir,
  );
  const pixel = await net.loadImageModel(pixelEntry, modelsDir);
  const autoencoder = (id: string) => net.loadAutoencoder(need(id, 'autoencoder'), modelsDir);

  /** One method over all classes: per-class batches (timed), then scored together. */
  const method = (
    name: string,
    generate: (c: number, s: number) => { images: tf.Tensor4D; nfe: number; sigmaStart?: number },
  ) => {
    const images: tf.Tensor4D[] = [];
    const times: number[] = [];
    let nfe = 0;
    let sigmaStart: number | undefined;
    for (let c = 0; c < CLASSES; c++) {
      const t0 = performance.now();
      const out = generate(c, seed + c);
      out.images.dataSync();
      times.push((performance.now() - t0) / perClass);
      images.push(out.images);
      ({ nfe, sigmaStart } = out);
    }
    const all = tf.concat(images);
    const requested = Array.from({ length: CLASSES * perClass }, (_, i) =>
      Math.floor(i / perClass),
    );
    const scores = scorer.score(all, requested);
    tf.dispose([all, ...images]);
    const row: CompareRow = { method: name, nfe, msPerImage: median(times), ...scores };
    return sigmaStart === undefined ? row : { ...row, sigmaStart };
  };

  const pixelRun = (c: number, s: number, start?: { x: tf.Tensor; sigmaStart: number }) => {
    const out = sampleBatch(
      run,
      pixel.denoiser({ classId: c, guidance }),
      pixel.info.inputShape,
      perClass,
      s,
      start,
    );
    return { images: out.x as tf.Tensor4D, nfe: out.nfe, sigmaStart: out.sigmaStart };
  };
  const rows: CompareRow[] = [method(`pixel (${PIXEL} UNet)`, (c, s) => pixelRun(c, s))];
  const latentRuns: ((c: number, s: number) => { images: tf.Tensor4D; nfe: number })[] = [];
  for (const { id, space } of LATENT) {
    const { info, denoiser } = await latentNet.loadLatentNetwork(need(id, 'mlp2d'), modelsDir);
    const ae = await autoencoder(info.autoencoder);
    latentRuns.push((c, s) => latentRun(run, ae, denoiser(c, guidance), perClass, s));
    rows.push(method(`${space} (${id} + ${info.autoencoder})`, latentRuns[latentRuns.length - 1]));
  }
  const vae = await autoencoder(TRUNCATION_VAE);
  const priorDecode = (s: number) =>
    tf.tidy(() =>
      vae.decode(
        tf.tensor2d(
          Float32Array.from(normals(s, PRIOR_KEY, perClass * vae.latentDim)),
          [perClass, vae.latentDim],
          'float32',
        ),
      ),
    );
  // --truncate-from latent: x_vae is the 16D latent model's class-c sample, decoded (its NFE not counted).
  const startImages = (c: number, s: number) =>
    truncateFrom === 'prior' ? priorDecode(s) : latentRuns[0](c, s).images;
  const source =
    truncateFrom === 'prior' ? `${TRUNCATION_VAE} prior decodes` : `${LATENT[0].id} samples`;
  const truncation = [0, ...truncations].map((sigma) =>
    method(`truncated pixel from ${source}`, (c, s) => {
      const x = startImages(c, s);
      const out = pixelRun(c, s, { x, sigmaStart: sigma });
      x.dispose();
      return out;
    }),
  );
  return {
    command: 'latent-compare',
    settings: {
      perClass,
      classes: CLASSES,
      steps,
      sampler: 'ddim',
      spacing: 'trailing',
      guidance,
      seed,
      backend,
      truncateFrom,
    },
    scorer: {
      classifier: 'fashion-classifier',
      references: scorer.references,
      fdFloor: scorer.fdFloor,
    },
    rows,
    truncation,
  };
}

/** Latents of one class from the latent denoiser, decoded to images. */
function latentRun(
  run: VpRun,
  ae: LatentAutoencoder,
  denoise: Denoiser<tf.Tensor>,
  n: number,
  seed: number,
) {
  const out = sampleBatch(run, denoise, [ae.latentDim], n, seed);
  const images = ae.decode(out.x as tf.Tensor2D);
  out.x.dispose();
  return { images, nfe: out.nfe };
}
