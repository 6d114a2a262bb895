import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DATASET_IDS } from '../core/data';

const BIN = fileURLToPath(new URL('../../bin/diffusion-playground.mjs', import.meta.url));

/** The real entry point in a child Node process, as `npx diffusion-playground` runs it. */
function spawnCli(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
}

describe('bin/diffusion-playground.mjs', () => {
  it('runs `list` and prints JSON naming every data set', () => {
    const r = spawnCli('list');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.datasets.map((d: { id: string }) => d.id)).toEqual(DATASET_IDS);
  });

  it('exits with code 2 and one error line for a bad argument', () => {
    const r = spawnCli('sample', '--steps', 'many');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: --steps must be a number, got "many"\n');
  });

  it('samples discrete names as strings', () => {
    const r = spawnCli('sample', '--discrete', 'names', '-n', '2', '--steps', '4', '--seed', '1');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.samples).toHaveLength(2);
    for (const name of out.samples) expect(name).toMatch(/^[a-z]*$/);
  });
});
