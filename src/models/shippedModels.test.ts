import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requireShippedModels } from './shippedModels.testkit';

describe('requireShippedModels', () => {
  const dir = `${mkdtempSync(join(tmpdir(), 'dp-require-'))}/`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const files = [
    { path: 'm/model.json', bytes: 2, sha256: '', role: 'model' },
    { path: 'm/weights.bin', bytes: 8, sha256: '', role: 'weights' },
  ];
  mkdirSync(`${dir}m`);
  writeFileSync(
    `${dir}manifest.json`,
    JSON.stringify({ version: 1, models: [{ id: 'm', files }] }),
  );
  writeFileSync(`${dir}m/model.json`, '{}');

  it('passes for the models public/models ships', () => {
    expect(() => requireShippedModels(['digits', 'mlp-moons'])).not.toThrow();
  });

  it('fails naming a model the manifest does not list', () => {
    expect(() => requireShippedModels(['other'], dir)).toThrow(
      `model "other" is not in ${dir}manifest.json (listed: m)`,
    );
  });

  it('fails naming a listed file that is missing, then one that is truncated', () => {
    expect(() => requireShippedModels(['m'], dir)).toThrow(
      `${dir}m/weights.bin is missing, though the manifest lists it for model "m"`,
    );
    writeFileSync(`${dir}m/weights.bin`, new Uint8Array(3));
    expect(() => requireShippedModels(['m'], dir)).toThrow(
      `${dir}m/weights.bin is 3 bytes, not 8, though the manifest lists it for model "m"`,
    );
  });
});
