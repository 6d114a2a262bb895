import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../models/manifest';
import { requireShippedModels } from '../models/shippedModels.testkit';
import { runCli, runCliJson } from './cli.testkit';
import { DEFAULT_MODELS_DIR } from './modelFiles';
import { teacherSigmas, type SpeedupTable } from './speedupTable';

const MODELS = ['mlp', 'distill', 'consistency', 'fm'].flatMap((m) =>
  m === 'distill' ? ['distill-moons-1', 'distill-moons-2'] : [`${m}-moons`],
);

describe('speedup-table (one run: teacher, students, flow and reflow)', () => {
  requireShippedModels([...MODELS, 'fm-moons-reflow1', 'distill-moons-4']);

  it("runs the teacher on its students' uniform-t grid, as training/distill.py states it", () => {
    const manifest = JSON.parse(
      readFileSync(`${DEFAULT_MODELS_DIR}manifest.json`, 'utf8'),
    ) as ModelManifest;
    const teacher = manifest.models.find((m) => m.id === 'mlp-moons')!;
    const student = manifest.models.find((m) => m.id === 'distill-moons-4')!;
    const ours = teacherSigmas(teacher, 4);
    const theirs = student.sampling!.grids['4'];
    expect(ours).toHaveLength(theirs.length);
    ours.forEach((s, i) => expect(s).toBeCloseTo(theirs[i], 5));
  });

  it('orders the models as the method says on a tiny run', { timeout: 20_000 }, async () => {
    const out = (await runCliJson(
      'speedup-table',
      '--datasets',
      'moons',
      '--nfe',
      '1,2',
      '--teacher-nfe',
      '1,64',
      '--n',
      '300',
      '--repeats',
      '1',
      '--projections',
      '32',
      '--paths',
      '64',
      '--path-steps',
      '10',
      '--backend',
      'wasm',
    )) as SpeedupTable;
    // Teacher at 1 and 64; distill-moons-1 and -2; the consistency model at 1 and 2; fm and reflow at 1 and 2.
    expect(out.rows).toHaveLength(10);
    const sw1 = (method: string, nfe: number) =>
      out.rows.find((r) => r.method === method && r.nfe === nfe)!.sw1;
    expect(sw1('teacher', 64)).toBeLessThan(0.5 * sw1('teacher', 1));
    expect(sw1('distill', 1)).toBeLessThan(0.5 * sw1('teacher', 1));
    expect(sw1('reflow', 1)).toBeLessThan(0.5 * sw1('fm', 1));
    const [moons] = out.datasets;
    expect(moons.straightness.reflow).toBeLessThan(0.1 * moons.straightness.fm);
    // Nothing beats two draws of the data itself by much (300 points: the floor is noisy).
    for (const r of out.rows) expect(r.sw1).toBeGreaterThan(0.5 * moons.dataFloor);
  });

  it('refuses a data set without students and a bad NFE list (exit code 2)', async () => {
    const rings = await runCli('speedup-table', '--datasets', 'rings');
    expect(rings.code).toBe(2);
    expect(rings.stderr).toMatch(
      /^error: --datasets takes a comma list of gaussians8, moons, swissroll/,
    );
    const nfe = await runCli('speedup-table', '--nfe', '1,0');
    expect(nfe.code).toBe(2);
    expect(nfe.stderr).toContain('--nfe must be a comma list of integers in 1..1000, got "1,0"');
  });
});
