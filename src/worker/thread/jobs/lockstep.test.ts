import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENE } from '../../../core/scene/settings';
import type { FrameInfo, LockstepJob, LockstepResult, SceneFrame } from '../../protocol';
import type { JobContext } from './context';
import { runLockstep } from './lockstep';

function fakeContext(cancelAfterFrames = Infinity) {
  const frames: { step: number; total: number; data: SceneFrame; info: FrameInfo }[] = [];
  const ctx: JobContext<SceneFrame> = {
    runId: 1,
    modelsUrl: '',
    isCancelled: () => frames.length >= cancelAfterFrames,
    emit: (step, total, data, info) => frames.push({ step, total, data, info: info! }),
    progress: () => {},
  };
  return { ctx, frames };
}

/** A finished run's result (null only when cancelled). */
function finished(r: LockstepResult | null): LockstepResult {
  if (!r) throw new Error('the lockstep run was cancelled');
  return r;
}

const n = 40;
const job = (budget: number, over: Partial<LockstepJob> = {}): LockstepJob => ({
  kind: 'lockstep',
  settings: { ...DEFAULT_SCENE, dataset: 'gaussians8', process: 'edm', particles: n },
  lanes: [
    { id: 'euler', params: {} },
    { id: 'heun', params: {} },
    { id: 'ddpm', params: {} },
  ],
  budget,
  fieldSize: 0,
  tolerance: 1e-8,
  referenceParticles: 1000,
  ...over,
});

describe('runLockstep', () => {
  it('streams every lane from the same x_T, within the budget, advancing together in σ', async () => {
    const { ctx, frames } = fakeContext();
    await runLockstep(job(12), ctx);
    const lane = (k: number) => frames.filter((f) => f.info.lane === k);
    expect([0, 1, 2].map((k) => lane(k).length)).toEqual([13, 7, 13]);
    const xT = lane(0)[0].data.x;
    for (const k of [1, 2]) expect(lane(k)[0].data.x).toEqual(xT);
    expect([0, 1, 2].map((k) => lane(k).at(-1)!.info.nfe)).toEqual([12, 11, 12]);
    // The σ each move started from never rises: lanes interleave by noise level.
    const moves = frames.filter((f) => f.step > 0);
    const from = moves.map(
      (f) => frames.find((g) => g.info.lane === f.info.lane && g.step === f.step - 1)!.info.sigma,
    );
    expect(from.every((s, i) => i === 0 || s <= from[i - 1])).toBe(true);
  });

  it('scores deterministic lanes against the RK45 reference: Euler’s error halves as the budget doubles', async () => {
    const errors = [];
    for (const budget of [32, 64]) {
      const r = finished(await runLockstep(job(budget), fakeContext().ctx));
      expect(r).toMatchObject({ particles: n, sigmaStart: 80 });
      expect(r.reference).toHaveLength(2 * n);
      expect(r.lanes[2].endpointError).toBeNull();
      expect(r.lanes[1].endpointError!).toBeLessThan(r.lanes[0].endpointError!);
      expect(r.lanes.every((l) => l.slicedW1 > 0)).toBe(true);
      errors.push(r.lanes[0].endpointError!);
    }
    expect(errors[0] / errors[1]).toBeGreaterThan(1.8);
    expect(errors[0] / errors[1]).toBeLessThan(2.2);
  });

  it('runs on flow matching (rectified flow): Euler first order, Heun second, against the flow’s reference', async () => {
    const flow = { ...job(0).settings, process: 'flow' as const, flowShift: 1 };
    const errors: number[][] = [];
    for (const budget of [64, 128]) {
      const r = finished(await runLockstep(job(budget, { settings: flow }), fakeContext().ctx));
      // σ = t/(1 − t) from t = 0.999 to 0.001 (core/schedules/flow.ts).
      expect(r.sigmaStart).toBeCloseTo(999, 6);
      expect(r.sigmaEnd).toBeCloseTo(0.001 / 0.999, 6);
      errors.push([r.lanes[0].endpointError!, r.lanes[1].endpointError!]);
    }
    expect(errors[0][0] / errors[1][0]).toBeGreaterThan(1.8);
    expect(errors[0][0] / errors[1][0]).toBeLessThan(2.2);
    expect(errors[0][1] / errors[1][1]).toBeGreaterThan(3.2);
    expect(errors[1][1]).toBeLessThan(errors[1][0]);
  });

  it('stops when cancelled and resolves to null', async () => {
    const { ctx, frames } = fakeContext(5);
    expect(await runLockstep(job(12), ctx)).toBeNull();
    expect(frames.length).toBeLessThan(8);
  });

  it('refuses a lane count outside 2..6', async () => {
    await expect(
      runLockstep(job(8, { lanes: [{ id: 'euler', params: {} }] }), fakeContext().ctx),
    ).rejects.toThrow(/2 to 6/);
  });
});
