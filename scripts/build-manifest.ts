/**
 * Regenerate public/models/manifest.json from the model folders: one entry per
 * public/models/<id>/model.json, with the byte size and SHA-256 of model.json, of every
 * weight file its weightsManifest names, and of any other file shipped in the folder
 * (the card README.md excepted).
 *
 *   npx tsx scripts/build-manifest.ts
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  ModelEntry,
  ModelFile,
  ModelJson,
  ModelKind,
  ModelManifest,
  Parameterisation,
} from '../src/models/manifest.ts';

const MODELS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'models');
const KINDS: readonly ModelKind[] = [
  'mlp2d',
  'manifold-mlp',
  'unet',
  'classifier',
  'noisy-classifier',
  'transformer',
  'autoencoder',
];

function describe(dir: string, path: string, role: ModelFile['role']): ModelFile {
  const bytes = readFileSync(join(MODELS_DIR, dir, path));
  return {
    path: `${dir}/${path}`,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    role,
  };
}

function entryFor(dir: string): ModelEntry {
  const json = JSON.parse(readFileSync(join(MODELS_DIR, dir, 'model.json'), 'utf8')) as ModelJson;
  const kind = (json.architecture?.kind ?? json.modelTopology?.kind) as ModelKind;
  if (!KINDS.includes(kind))
    throw new Error(`${dir}/model.json: unknown model kind "${String(kind)}"`);
  const diffusion = (json.diffusion ?? {}) as Record<string, unknown>;
  const topology = (json.modelTopology ?? {}) as Record<string, unknown>;
  const weightPaths = json.weightsManifest.flatMap((g) => g.paths);
  const others = readdirSync(join(MODELS_DIR, dir))
    .filter((f) => f !== 'model.json' && f !== 'README.md' && !weightPaths.includes(f))
    .sort();
  const card = `${dir}/README.md`;
  if (!existsSync(join(MODELS_DIR, card)))
    console.warn(`warning: ${card} (the model card) is missing`);
  const entry: ModelEntry = {
    id: dir,
    kind,
    dataset: String(diffusion.dataset ?? json.dataset ?? dir),
    inputShape: (diffusion.inputShape ?? topology.inputShape ?? []) as number[],
    files: [
      describe(dir, 'model.json', 'model'),
      ...weightPaths.map((p) => describe(dir, p, 'weights')),
      ...others.map((p) => describe(dir, p, 'data')),
    ],
    licence: String(
      json.licence ?? 'MIT (trained for this project; see the model card for the data licence)',
    ),
    source: String(json.source ?? json.generatedBy ?? 'training/ in this repository'),
    card,
  };
  if (Array.isArray(json.classNames)) entry.classes = json.classNames as string[];
  if (diffusion.parameterisation)
    entry.parameterisation = diffusion.parameterisation as Parameterisation;
  if (diffusion.schedule) entry.schedule = diffusion.schedule as ModelEntry['schedule'];
  // Distilled students (training/distill.py): their own sampler and grids, a consistency model's c's.
  if (json.sampling) entry.sampling = json.sampling as ModelEntry['sampling'];
  if (json.consistency) entry.consistency = json.consistency as ModelEntry['consistency'];
  return entry;
}

const dirs = readdirSync(MODELS_DIR)
  .filter(
    (d) =>
      statSync(join(MODELS_DIR, d)).isDirectory() && existsSync(join(MODELS_DIR, d, 'model.json')),
  )
  .sort();
const manifest: ModelManifest = { version: 1, models: dirs.map(entryFor) };
writeFileSync(join(MODELS_DIR, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`manifest.json: ${manifest.models.map((m) => m.id).join(', ')}`);
