import { describe, expect, it } from 'vitest';
import { DEFAULT_MODELS_DIR, readManifest } from './modelFiles';
import { runCliJson } from './testing';

const manifest = await readManifest(DEFAULT_MODELS_DIR);
const hasMlp = manifest.models.some((m) => m.id === 'mlp-swissroll');

describe.skipIf(!hasMlp)('sample --model mlp (trained swissroll MLP)', () => {
  const args = ['sample', '--model', 'mlp', '--dataset', 'swissroll', '--sampler', 'dpmpp-2m'];
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
