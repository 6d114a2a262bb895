import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleDataset } from '../core/data';
import { solve } from '../core/samplers/convergence';
import { SAMPLERS, requireSampler } from '../core/samplers/registry';
import { cachedExactModel, initialState, makeGrid, makeProcess } from '../core/scene/build';
import { DEFAULT_SCENE, type SceneSettings } from '../core/scene/settings';
import { runCli, runCliJson } from './cli.testkit';

/** The ten 2D toy data sets the issue names. */
const TEN_DATASETS = [
  'swissroll',
  'moons',
  'gaussians8',
  'gaussians25',
  'checkerboard',
  'rings',
  'spiral',
  'pinwheel',
  'smiley',
  'dino',
];

/** The core run without the CLI: x_T from the seed, every step in order, float64. */
function coreRun(settings: Partial<SceneSettings>) {
  const s: SceneSettings = { ...DEFAULT_SCENE, ...settings };
  const process = makeProcess(s);
  const grid = makeGrid(s, process);
  const def = requireSampler(s.sampler);
  const { x, nfe } = solve(
    def,
    { ...def.defaults, ...s.samplerParams },
    cachedExactModel(s.dataset).denoise,
    grid,
    initialState(s.particles, 2, s.seed, grid.sigmas[0]),
    s.seed,
  );
  return {
    x: Array.from(x),
    nfe,
    nfePerStep: def.nfePerStep({ ...def.defaults, ...s.samplerParams }),
  };
}

describe('list', () => {
  it('names all ten data sets, every registry sampler and every process', async () => {
    const out = await runCliJson('list');
    expect(out.datasets.map((d: { id: string }) => d.id).sort()).toEqual([...TEN_DATASETS].sort());
    expect(out.samplers.map((s: { id: string }) => s.id)).toEqual(SAMPLERS.map((s) => s.id));
    expect(out.schedules.processes).toEqual(
      expect.arrayContaining(['vp-discrete', 'vp', 'subvp', 've', 'edm']),
    );
    expect(out.models.map((m: { id: string }) => m.id)).toEqual(
      expect.arrayContaining(['exact', 'mlp', 'fm']),
    );
  });
});

describe('data', () => {
  it('is reproducible from its seed and equals sampleDataset', async () => {
    const a = await runCliJson('data', '--dataset', 'moons', '--n', '50', '--seed', '7');
    const b = await runCliJson('data', '--dataset=moons', '--n=50', '--seed=7');
    const c = await runCliJson('data', '--dataset', 'moons', '--n', '50', '--seed', '8');
    expect(a.samples).toHaveLength(50);
    expect(a.samples.flat()).toEqual(Array.from(sampleDataset('moons', 50, 7)));
    expect(b.samples).toEqual(a.samples);
    expect(c.samples).not.toEqual(a.samples);
    expect(a.settings).toEqual({ dataset: 'moons', n: 50, seed: 7 });
  });
});

describe('sample --model exact', () => {
  it.each([
    ['euler', 'vp-discrete'],
    ['dpmpp-2m', 'edm'],
    ['ddim', 'vp'],
  ] as const)(
    '%s on %s equals the core loop bit for bit, NFE = steps × nfePerStep',
    async (sampler, process) => {
      const args = ['--dataset', 'gaussians8', '--sampler', sampler, '--process', process];
      const out = await runCliJson('sample', ...args, '--steps', '7', '--n', '40', '--seed', '3');
      const ref = coreRun({
        dataset: 'gaussians8',
        sampler,
        process,
        steps: 7,
        particles: 40,
        seed: 3,
      });
      expect(out.samples.flat()).toEqual(ref.x);
      expect(out.nfe).toBe(ref.nfe);
      expect(out.nfe).toBe(7 * out.nfePerStep);
      expect(out.nfePerStep).toBe(ref.nfePerStep);
      expect(out.sigmas).toHaveLength(8);
    },
  );

  it('a stochastic sampler with --eta reproduces the core loop and its seeded noise', async () => {
    const args = ['--dataset', 'swissroll', '--sampler', 'ddim', '--eta', '0.7', '--steps', '5'];
    const out = await runCliJson('sample', ...args, '--n', '30', '--seed', '11');
    const ref = coreRun({
      sampler: 'ddim',
      samplerParams: { eta: 0.7 },
      steps: 5,
      particles: 30,
      seed: 11,
    });
    expect(out.settings.samplerParams).toEqual({ eta: 0.7 });
    expect(out.samples.flat()).toEqual(ref.x);
    const other = await runCliJson('sample', ...args, '--n', '30', '--seed', '12');
    expect(other.samples).not.toEqual(out.samples);
  });

  it('counts the actual NFE of a sampler whose last step is cheaper (Heun ends with Euler)', async () => {
    const out = await runCliJson('sample', '--sampler', 'heun', '--steps', '6', '--n', '10');
    const ref = coreRun({ sampler: 'heun', steps: 6, particles: 10 });
    expect(out.nfe).toBe(ref.nfe);
    expect(out.nfe).toBe(2 * 6 - 1);
    expect(out.samples.flat()).toEqual(ref.x);
  });

  it('--param key=value sets sampler parameters by name', async () => {
    const out = await runCliJson(
      'sample',
      '--sampler',
      'dpm-solver',
      '--param',
      'order=2',
      '--steps',
      '4',
      '--n',
      '5',
    );
    expect(out.settings.samplerParams.order).toBe(2);
    expect(out.nfePerStep).toBe(2);
  });

  it('--trajectory gives x_T, every step, and ends at the samples', async () => {
    const out = await runCliJson(
      'sample',
      '--steps',
      '4',
      '--n',
      '6',
      '--seed',
      '2',
      '--trajectory',
    );
    expect(out.trajectory).toHaveLength(5);
    const first = out.trajectory[0];
    const xT = initialState(6, 2, 2, out.sigmas[0]);
    first.x
      .flat()
      .forEach((v: number, i: number) => expect(v).toBeCloseTo(xT[i] * first.scale, 12));
    expect(first.x0).toBeNull();
    expect(out.trajectory.map((f: { sigma: number }) => f.sigma)).toEqual(out.sigmas);
    expect(out.trajectory[4].x).toEqual(out.samples);
    expect(out.trajectory[4].x0).toHaveLength(6);
  });

  it('--out writes the JSON to a file and nothing to stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dp-cli-'));
    const file = join(dir, 'run.json');
    const r = await runCli('sample', '--steps', '3', '--n', '4', '--out', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    expect(json.command).toBe('sample');
    expect(json.samples).toHaveLength(4);
    expect(json.nfe).toBe(3);
    expect(json.wallTimeMs).toBeGreaterThanOrEqual(0);
    rmSync(dir, { recursive: true });
  });
});

describe('bad arguments', () => {
  it.each([
    [[]],
    [['frobnicate']],
    [['sample', '--frob', '1']],
    [['sample', '--steps', 'ten']],
    [['sample', '--steps', '2.5']],
    [['sample', '--steps', '0']],
    [['sample', '--n', '-4']],
    [['sample', '--seed', '5000000000']],
    [['sample', '--dataset', 'nope']],
    [['sample', '--sampler', 'nope']],
    [['sample', '--model', 'nope']],
    [['sample', '--process', 'nope']],
    [['sample', '--sampler', 'euler', '--eta', '0.5']],
    [['sample', '--sampler', 'ddim', '--eta', '7']],
    [['sample', '--sampler', 'ddim', '--param', 'eta']],
    [['sample', '--model', 'exact', '--class', '3']],
    [['sample', '--steps']],
    [['data', '--dataset', 'nope']],
    [['data', '--n', 'x']],
    [['list', 'extra']],
  ])('%j exits 2 with one "error: " line on stderr', async (argv) => {
    const r = await runCli(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: \S[^\n]*\n$/);
  });
});
