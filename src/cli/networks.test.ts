import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { requireShippedModels } from '../models/shippedModels.testkit';
import { DEFAULT_MODELS_DIR } from './modelFiles';
import { tempModelsDir } from './tempModels';
import { runCli, runCliJson } from './cli.testkit';

requireShippedModels(['mlp-swissroll', 'fm-swissroll']);

describe('sample --model mlp (trained swissroll MLP)', () => {
  const dir = tempModelsDir(DEFAULT_MODELS_DIR, ['mlp-swissroll']);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const args = [
    'sample',
    '--model',
    'mlp',
    '--models',
    dir,
    '--dataset',
    'swissroll',
    '--sampler',
    'dpmpp-2m',
  ];
  const common = [...args, '--steps', '8', '--n', '64', '--seed', '5'];

  it('gives the same samples on tfjs cpu and wasm (two independent kernels)', async () => {
    const cpu = await runCliJson(...common, '--backend', 'cpu');
    const wasm = await runCliJson(...common, '--backend', 'wasm');
    expect(cpu.nfe).toBe(8);
    expect(wasm.settings.backend).toBe('wasm');
    const a = cpu.samples.flat();
    const b = wasm.samples.flat();
    const maxDiff = Math.max(...a.map((v: number, i: number) => Math.abs(v - b[i])));
    expect(maxDiff).toBeLessThan(1e-3);
  });

  it('lands near the data: mean squared radius close to that of the normalised data set', async () => {
    // Data sets are normalised to mean per-coordinate variance ≈ 1 (core/data/types.ts), so
    // E|x|² ≈ 2, while x_T has E|x|² = 2σ_max² ≈ 5·10⁴ before scaling.
    const out = await runCliJson(...common);
    const r2 = out.samples.reduce((s: number, [x, y]: number[]) => s + x * x + y * y, 0) / 64;
    expect(r2).toBeGreaterThan(1.2);
    expect(r2).toBeLessThan(2.8);
  });
});

describe('sample --model fm (flow-matching swissroll MLP)', () => {
  const dir = tempModelsDir(DEFAULT_MODELS_DIR, ['fm-swissroll']);
  const mlpOnly = tempModelsDir(DEFAULT_MODELS_DIR, ['mlp-swissroll']);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(mlpOnly, { recursive: true, force: true });
  });
  const common = ['sample', '--model', 'fm', '--models', dir, '--dataset', 'swissroll'];

  it.each([
    ['flow', 'euler', ['--grid', 'time-uniform']],
    ['vp-discrete', 'dpmpp-2m', []],
    ['edm', 'heun', []],
  ])(
    'lands near the data on process %s with %s (the velocity becomes a denoiser for any process)',
    async (process, sampler, extra) => {
      const out = await runCliJson(
        ...common,
        '--process',
        process,
        '--sampler',
        sampler,
        ...extra,
        '--steps',
        '20',
        '--n',
        '256',
        '--seed',
        '3',
      );
      expect(out.settings).toMatchObject({ model: 'fm', modelId: 'fm-swissroll', process });
      const r2 = out.samples.reduce((s: number, [x, y]: number[]) => s + x * x + y * y, 0) / 256;
      expect(r2).toBeGreaterThan(1.5);
      expect(r2).toBeLessThan(2.5);
    },
  );

  it('names the data set and the kind when no fm model is shipped for it (exit code 2)', async () => {
    const r = await runCli(
      'sample',
      '--model',
      'fm',
      '--models',
      mlpOnly,
      '--dataset',
      'swissroll',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: no trained flow-matching MLP for data set "swissroll" is available; trained: none yet\n',
    );
  });
});
