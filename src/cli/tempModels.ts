import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelEntry, ModelFile, ModelJson } from '../models/manifest';

/**
 * Tests only: a models directory linking the given folders of `source` with a freshly
 * computed manifest (sizes and SHA-256s), so CLI tests exercise the model path even while
 * public/models/manifest.json is being regenerated. Returns the directory; remove it after.
 */
export function tempModelsDir(source: string, ids: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'dp-models-'));
  const models = ids.map((id): ModelEntry => {
    symlinkSync(join(source, id), join(dir, id));
    const json = JSON.parse(readFileSync(join(source, id, 'model.json'), 'utf8')) as ModelJson;
    const diffusion = (json.diffusion ?? {}) as Record<string, unknown>;
    const file = (name: string, role: ModelFile['role']): ModelFile => {
      const bytes = readFileSync(join(source, id, name));
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return { path: `${id}/${name}`, bytes: bytes.length, sha256, role };
    };
    const weights = json.weightsManifest.flatMap((g) => g.paths);
    return {
      id,
      kind: (json.architecture?.kind ?? json.modelTopology?.kind) as ModelEntry['kind'],
      dataset: String(diffusion.dataset ?? id),
      inputShape: (diffusion.inputShape ?? []) as number[],
      classes: json.classNames as string[] | undefined,
      parameterisation: diffusion.parameterisation as ModelEntry['parameterisation'],
      schedule: diffusion.schedule as ModelEntry['schedule'],
      files: [file('model.json', 'model'), ...weights.map((w) => file(w, 'weights'))],
      licence: 'test',
      source: 'test',
      card: `${id}/README.md`,
    };
  });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: 1, models }));
  return dir;
}
