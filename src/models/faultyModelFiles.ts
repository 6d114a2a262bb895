/**
 * Test support: the broken downloads the loader must refuse (or, for `nan-weights`, that it
 * accepts and the sampler must catch), as replacements for files under public/models/.
 * Faults that alter model.json or the weights also rewrite the manifest's size and SHA-256,
 * so the check that fires is the one named, not the hash check.
 */
import type { ModelManifest } from './manifest';

export const MODEL_FAULTS = [
  'no-manifest',
  'missing-weights',
  'truncated-weights',
  'wrong-hash',
  'wrong-shape',
  'bad-json',
  'nan-weights',
] as const;
export type ModelFault = (typeof MODEL_FAULTS)[number];

/** Path under models/ → the bytes to serve instead, or null to answer 404. */
export type FileOverrides = Map<string, Uint8Array | null>;

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const encode = (text: string) => new TextEncoder().encode(text);

/** The overrides that give model `id` the fault; `read` returns a shipped file's bytes. */
export async function faultyModelFiles(
  fault: ModelFault,
  id: string,
  read: (path: string) => Promise<Uint8Array>,
): Promise<FileOverrides> {
  const jsonPath = `${id}/model.json`;
  const weightsPath = `${id}/weights.bin`;
  const out: FileOverrides = new Map();
  /** Serves `bytes` for `path` and a manifest that lists them. */
  const replace = async (path: string, bytes: Uint8Array) => {
    const manifest = JSON.parse(
      new TextDecoder().decode(await read('manifest.json')),
    ) as ModelManifest;
    const file = manifest.models.find((m) => m.id === id)?.files.find((f) => f.path === path);
    if (!file) throw new Error(`faultyModelFiles: ${path} is not in the manifest`);
    file.bytes = bytes.length;
    file.sha256 = await sha256Hex(bytes);
    out.set(path, bytes);
    out.set('manifest.json', encode(JSON.stringify(manifest)));
  };
  switch (fault) {
    case 'no-manifest':
      out.set('manifest.json', null);
      break;
    case 'missing-weights':
      out.set(weightsPath, null);
      break;
    case 'truncated-weights': {
      const w = await read(weightsPath);
      out.set(weightsPath, w.slice(0, Math.floor(w.length / 2)));
      break;
    }
    case 'wrong-hash': {
      const w = (await read(weightsPath)).slice();
      w[100] ^= 0xff;
      out.set(weightsPath, w);
      break;
    }
    case 'wrong-shape': {
      // The first tensor's shape reversed: the same byte count, so only the shape check sees it.
      const json = JSON.parse(new TextDecoder().decode(await read(jsonPath))) as {
        weightsManifest: { weights: { shape: number[] }[] }[];
      };
      json.weightsManifest[0].weights[0].shape.reverse();
      await replace(jsonPath, encode(JSON.stringify(json)));
      break;
    }
    case 'bad-json':
      await replace(jsonPath, encode('{"weightsManifest": [ not json'));
      break;
    case 'nan-weights': {
      // One NaN in the first tensor spreads to every output through the next matrix product.
      const w = (await read(weightsPath)).slice();
      new DataView(w.buffer).setFloat32(0, NaN, true);
      await replace(weightsPath, w);
      break;
    }
  }
  return out;
}
