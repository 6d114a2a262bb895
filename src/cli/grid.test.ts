import { describe, expect, it } from 'vitest';
import { parseSigmaList } from '../core/schedules/grid';
import { UsageError } from './args';
import { gridCommand } from './grid';

describe('grid (an optimised σ grid for one sampler)', () => {
  it("returns N σ's over the process range, no worse than Karras, and a sigmas= link", () => {
    const out = gridCommand([
      '--dataset',
      'gaussians8',
      '--process',
      'edm',
      '--sampler',
      'euler',
      '--steps',
      '4',
    ]);
    const sigmas = out.sigmas as number[];
    expect(sigmas).toHaveLength(4);
    expect(sigmas[0]).toBe(80);
    expect(sigmas[3]).toBe(0.002);
    expect(out.error as number).toBeLessThanOrEqual(out.karrasError as number);
    const field = new URLSearchParams(out.link as string).get('sigmas')!;
    expect(parseSigmaList(field)).toEqual({ sigmas: expect.any(Array) });
  });

  it('refuses a stochastic sampler and the discrete process', () => {
    expect(() => gridCommand(['--sampler', 'ddpm'])).toThrow(UsageError);
    expect(() => gridCommand(['--process', 'vp-discrete'])).toThrow(/process/);
  });
});
