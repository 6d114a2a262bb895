import * as tf from '@tensorflow/tfjs-core';
import { mlp2dWeightShapes, type Mlp2dArchitecture } from './mlp2d';
import { transformerWeightShapes, type TransformerArchitecture } from './transformer';
import {
  weightBytes,
  type ModelEntry,
  type ModelFile,
  type ModelJson,
  type WeightSpec,
} from './manifest';

/**
 * Safe model loading: fetch model.json and the weight files listed in the manifest,
 * check every byte count and SHA-256 against the manifest and every tensor's shape and
 * dtype against what the architecture needs, and only then decode. Any failure throws an
 * Error naming the model and the problem. `fetch` is injected (the browser's fetch, or a
 * file reader in Node tests).
 */
export interface FetchResponse {
  ok: boolean;
  status: number;
  arrayBuffer(): Promise<ArrayBuffer>;
  body?: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }> } } | null;
}

export type FetchLike = (url: string) => Promise<FetchResponse>;

export interface LoadProgress {
  loadedBytes: number;
  totalBytes: number;
}

export interface LoadOptions {
  fetch: FetchLike;
  /** URL prefix of public/models/, e.g. `${import.meta.env.BASE_URL}models/`. */
  baseUrl: string;
  onProgress?: (p: LoadProgress) => void;
}

export interface LoadedModel {
  entry: ModelEntry;
  modelJson: ModelJson;
  weights: tf.NamedTensorMap;
}

/** Expected tensor shapes by architecture kind; kinds without an entry get the generic checks. */
const EXPECTED_SHAPES: Record<string, (json: ModelJson) => Record<string, number[]>> = {
  mlp2d: (json) => mlp2dWeightShapes(json.architecture as unknown as Mlp2dArchitecture),
  'manifold-mlp': (json) => mlp2dWeightShapes(json.architecture as unknown as Mlp2dArchitecture),
  transformer: (json) =>
    transformerWeightShapes(json.architecture as unknown as TransformerArchitecture),
};

const hex = (buf: ArrayBuffer): string =>
  Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

async function readBody(res: FetchResponse, onChunk: (n: number) => void): Promise<Uint8Array> {
  const reader = res.body?.getReader();
  if (!reader) {
    const bytes = new Uint8Array(await res.arrayBuffer());
    onChunk(bytes.length);
    return bytes;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!value) continue;
    chunks.push(value);
    total += value.length;
    onChunk(value.length);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** One file the manifest lists, fetched and checked against its byte count and SHA-256. */
export async function fetchVerified(
  entry: ModelEntry,
  file: ModelFile,
  opts: LoadOptions,
  onChunk: (n: number) => void,
): Promise<Uint8Array> {
  const fail = (what: string) => new Error(`model "${entry.id}": ${file.path} ${what}`);
  let res: FetchResponse;
  try {
    res = await opts.fetch(opts.baseUrl + file.path);
  } catch (e) {
    throw fail(`could not be fetched (${(e as Error).message})`);
  }
  if (!res.ok) throw fail(`is missing (HTTP ${res.status})`);
  const bytes = await readBody(res, onChunk);
  if (bytes.length !== file.bytes) {
    const how = bytes.length < file.bytes ? 'truncated' : 'too long';
    throw fail(`is ${how}: ${bytes.length} bytes, expected ${file.bytes}`);
  }
  const digest = await sha256Hex(bytes);
  if (digest !== file.sha256)
    throw fail(`has the wrong SHA-256: ${digest}, expected ${file.sha256}`);
  return bytes;
}

function checkSpecs(entry: ModelEntry, json: ModelJson, specs: WeightSpec[], bytes: number): void {
  const fail = (what: string) => new Error(`model "${entry.id}": ${what}`);
  for (const s of specs) {
    if (s.dtype !== 'float32')
      throw fail(`tensor ${s.name} has dtype ${s.dtype}, expected float32`);
  }
  const kind = json.architecture?.kind ?? json.modelTopology?.kind;
  if (kind !== entry.kind)
    throw fail(`model.json describes a "${kind}", the manifest a "${entry.kind}"`);
  const expected = EXPECTED_SHAPES[kind]?.(json);
  if (expected) {
    const byName = new Map(specs.map((s) => [s.name, s]));
    for (const [name, shape] of Object.entries(expected)) {
      const s = byName.get(name);
      if (!s) throw fail(`tensor ${name} is missing from the weights manifest`);
      if (s.shape.join(',') !== shape.join(',')) {
        throw fail(`tensor ${name} has shape [${s.shape}], expected [${shape}]`);
      }
    }
    const extra = specs.filter((s) => !(s.name in expected)).map((s) => s.name);
    if (extra.length) throw fail(`unexpected tensors ${extra.join(', ')}`);
  }
  const needed = specs.reduce((n, s) => n + weightBytes(s), 0);
  if (needed !== bytes)
    throw fail(`the declared tensors need ${needed} bytes, the weight files hold ${bytes}`);
}

export async function loadModel(entry: ModelEntry, opts: LoadOptions): Promise<LoadedModel> {
  const fileOf = (path: string): ModelFile => {
    const f = entry.files.find((x) => x.path === path);
    if (!f) throw new Error(`model "${entry.id}": ${path} is not listed in the manifest`);
    return f;
  };
  const jsonFile = fileOf(`${entry.id}/model.json`);
  const totalBytes = entry.files.filter((f) => f.role !== 'data').reduce((n, f) => n + f.bytes, 0);
  let loadedBytes = 0;
  const onChunk = (n: number) => {
    loadedBytes += n;
    opts.onProgress?.({ loadedBytes, totalBytes });
  };

  const jsonBytes = await fetchVerified(entry, jsonFile, opts, onChunk);
  let json: ModelJson;
  try {
    json = JSON.parse(new TextDecoder().decode(jsonBytes)) as ModelJson;
  } catch (e) {
    throw new Error(`model "${entry.id}": model.json is not valid JSON (${(e as Error).message})`, {
      cause: e,
    });
  }
  if (!Array.isArray(json.weightsManifest)) {
    throw new Error(`model "${entry.id}": model.json has no weightsManifest`);
  }
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const paths = json.weightsManifest.flatMap((g) => g.paths.map((p) => `${entry.id}/${p}`));
  const parts: Uint8Array[] = [];
  for (const p of paths) parts.push(await fetchVerified(entry, fileOf(p), opts, onChunk));
  const size = parts.reduce((n, p) => n + p.length, 0);
  checkSpecs(entry, json, specs, size);

  const buffer = new Uint8Array(size);
  let offset = 0;
  for (const p of parts) {
    buffer.set(p, offset);
    offset += p.length;
  }
  return { entry, modelJson: json, weights: tf.io.decodeWeights(buffer.buffer, specs) };
}
