import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FetchLike } from '../models/loader';
import type { ModelEntry, ModelManifest } from '../models/manifest';
import { UsageError } from './args';

/** public/models/ of this checkout, as a directory path ending in "/". */
export const DEFAULT_MODELS_DIR = fileURLToPath(new URL('../../public/models/', import.meta.url));

/** The shipped models, or an empty list where public/models has no manifest.json yet. */
export async function readManifest(dir: string): Promise<ModelManifest> {
  const path = `${dir}manifest.json`;
  if (!existsSync(path)) return { version: 1, models: [] };
  return JSON.parse(await readFile(path, 'utf8')) as ModelManifest;
}

/** The loader's injected fetch, reading files under the models directory. */
export const fileFetch: FetchLike = async (path) => {
  try {
    const bytes = await readFile(path);
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return { ok: true, status: 200, arrayBuffer: async () => copy as ArrayBuffer };
  } catch {
    return { ok: false, status: 404, arrayBuffer: async () => new ArrayBuffer(0) };
  }
};

/** The manifest entry `id` of the wanted kind, or a usage error naming those that are shipped. */
export function availableModel(
  manifest: ModelManifest,
  id: string,
  kind: ModelEntry['kind'],
  notFound: (shipped: string[]) => string,
): ModelEntry {
  const entry = manifest.models.find((m) => m.id === id && m.kind === kind);
  if (!entry)
    throw new UsageError(notFound(manifest.models.filter((m) => m.kind === kind).map((m) => m.id)));
  return entry;
}
