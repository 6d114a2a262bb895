import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENE } from '../../../core/scene/settings';
import type { LikelihoodFrame, LikelihoodJob, SweepFrame, SweepJob } from '../../protocol';
import type { JobContext } from './context';
import { runLikelihood } from './likelihood';
import { runSweep } from './sweep';

function fakeContext<F>(cancelAfterFrames = Infinity) {
  const frames: { step: number; total: number; frame: F }[] = [];
  const progress: number[] = [];
  const ctx: JobContext<F> = {
    runId: 1,
    modelsUrl: '',
    isCancelled: () => frames.length >= cancelAfterFrames,
    emit: (step, total, frame) => frames.push({ step, total, frame }),
    progress: (_phase, _message, fraction) => progress.push(fraction),
  };
  return { ctx, frames, progress };
}

const sweepJob: SweepJob = {
  kind: 'sweep',
  settings: { ...DEFAULT_SCENE, dataset: 'gaussians8', process: 'edm', particles: 24 },
  samplers: [
    { id: 'euler', params: {} },
    { id: 'euler-ancestral', params: {} },
  ],
  budgets: [4, 8, 16, 32],
  tolerance: 1e-6,
  projections: 16,
};

describe('runSweep', () => {
  it('streams the reference, then one frame per point, and resolves to the fits', async () => {
    const { ctx, frames, progress } = fakeContext<SweepFrame>();
    const fits = await runSweep(sweepJob, ctx);
    expect(frames.map((f) => f.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(frames.every((f) => f.total === 9)).toBe(true);
    const decoded = frames.map((f) => f.frame);
    expect(decoded[0]).toMatchObject({ kind: 'reference', sigmaStart: 80 });
    expect(decoded[0].kind === 'reference' && decoded[0].rtol).toBeCloseTo(1e-6, 12);
    const points = decoded.slice(1).map((d) => (d.kind === 'point' ? d.point : null));
    expect(points.map((p) => [p!.sampler, p!.budget, p!.nfe])).toEqual([
      [0, 4, 4],
      [0, 8, 8],
      [0, 16, 16],
      [0, 32, 32],
      [1, 4, 4],
      [1, 8, 8],
      [1, 16, 16],
      [1, 32, 32],
    ]);
    expect(points.map((p) => p!.endpointError === null)).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
      true,
      true,
    ]);
    expect(progress.at(-1)).toBeCloseTo(1, 6);
    expect(fits).toHaveLength(2);
    expect(fits[0].endpoint!.order).toBeGreaterThan(0.5);
    expect(fits[1].endpoint).toBeNull();
  });

  it('stops between points once cancelled and resolves to no fits', async () => {
    const { ctx, frames } = fakeContext<SweepFrame>(3);
    expect(await runSweep(sweepJob, ctx)).toHaveLength(0);
    expect(frames).toHaveLength(3);
  });
});

const likelihoodJob: LikelihoodJob = {
  kind: 'likelihood',
  settings: { ...DEFAULT_SCENE, dataset: 'gaussians8', process: 'vp-discrete' },
  gridSize: 12,
  extent: 3,
  rowsPerFrame: 5,
  sigmaMin: 0.05,
  tolerance: 1e-6,
  heldOutPoints: 40,
  elboPoints: 4,
  elboSamples: 1,
};

describe('runLikelihood', () => {
  it('streams grid rows, the exact density, the NLLs and the DDPM bound', async () => {
    const { ctx, frames } = fakeContext<LikelihoodFrame>();
    const grid = await runLikelihood(likelihoodJob, ctx);
    const decoded = frames.map((f) => f.frame);
    expect(decoded.map((d) => d.kind)).toEqual(['rows', 'rows', 'rows', 'exact', 'nll', 'elbo']);
    const exact = decoded[3].kind === 'exact' ? decoded[3].logp : new Float32Array();
    // The model density (prior N(0, σ_max²I)) and the exact one agree closely where there is mass.
    for (let i = 0; i < grid.length; i++)
      if (exact[i] > -6) expect(Math.abs(grid[i] - exact[i])).toBeLessThan(0.05);
    const nll = decoded[4];
    expect(nll.kind === 'nll' && Math.abs(nll.ode - nll.exact)).toBeLessThan(0.05);
    // Started from the exact p_σmax, only the solver's error remains (tolerance 1e-6).
    expect(nll.kind === 'nll' && Math.abs(nll.odeExactPrior - nll.exact)).toBeLessThan(1e-3);
    const elbo = decoded[5];
    expect(elbo.kind === 'elbo' && elbo.lt.length).toBe(999);
    // The bound is above the exact NLL of the same data set (different points: allow slack).
    expect(elbo.kind === 'elbo' && nll.kind === 'nll' && elbo.total > nll.exact - 1).toBe(true);
  });
});
