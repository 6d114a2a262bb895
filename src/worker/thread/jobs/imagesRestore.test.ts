import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { OPERATORS, type OperatorId } from '../../../core/restore/operators';
import { SOLVER_IDS, solverApplies, type SolverId } from '../../../core/restore/registry';
import { RESTORE_DEFAULTS } from '../../../core/restore/solver';
import { requireShippedModels } from '../../../models/shippedModels.testkit';
import type { ImageRestoreJob } from '../../protocol';
import { collectingContext, fileFetch, finished } from './imageJob.testkit';
import { runImageRestore } from './imagesRestore';

requireShippedModels(['digits']);

const job = (
  solver: SolverId,
  id: OperatorId,
  over: Partial<ImageRestoreJob> = {},
): ImageRestoreJob => ({
  kind: 'image-restore',
  model: 'digits',
  image: 3,
  operator: { id, blurSigma: 1.5, keep: 0.3 },
  sigmaY: 0.05,
  solver,
  params: RESTORE_DEFAULTS,
  steps: 3,
  count: 2,
  seed: 1,
  spacing: 'trailing',
  shift: 1,
  jumpLength: 1,
  resamples: 2,
  clipX0: true,
  ...over,
});

beforeAll(async () => {
  await tf.setBackend('cpu');
  vi.stubGlobal('fetch', fileFetch);
});

const pairs = SOLVER_IDS.flatMap((s) =>
  OPERATORS.filter((o) => solverApplies(s, o)).map((o) => [s, o] as const),
);

describe('image-restore on the shipped digits model (tfjs cpu)', () => {
  it.each(pairs)(
    '%s on %s runs to its end: y first, a frame per step, finite PSNR, no tensor left',
    async (solver, id) => {
      const { ctx, frames } = collectingContext();
      await runImageRestore(job(solver, id, { steps: 1 }), ctx); // loads the model once
      const before = tf.memory().numTensors;
      frames.length = 0;
      const r = finished(await runImageRestore(job(solver, id), ctx));
      expect(tf.memory().numTensors).toBe(before);
      expect(frames[0].frame.kind).toBe('measurement');
      const steps = frames.filter((f) => f.frame.kind === 'step');
      const total = solver === 'repaint' ? 4 : 3; // RePaint, j = 1, r = 2: 3 reverse + 1 forward… per jump point
      expect(steps.length).toBeGreaterThanOrEqual(total + 1);
      expect(steps.at(-1)?.info?.sigma).toBe(0);
      expect(r.psnr).toHaveLength(2);
      r.psnr.forEach((p) => expect(Number.isFinite(p)).toBe(true));
      expect(r.nfe).toBeGreaterThanOrEqual(3);
    },
  );

  it('noiseless DDRM at 4× nearly reproduces y (exactly before the final clip to [-1, 1])', async () => {
    const { ctx } = collectingContext();
    const r = finished(await runImageRestore(job('ddrm', 'sr4', { sigmaY: 0, steps: 10 }), ctx));
    r.residual.forEach((v) => expect(v).toBeLessThan(0.05));
  });

  it('refuses a solver where it does not apply, by name', async () => {
    const { ctx } = collectingContext();
    await expect(runImageRestore(job('ilvr', 'blur'), ctx)).rejects.toThrow(
      /ilvr does not apply to the "blur"/,
    );
    await expect(runImageRestore(job('repaint', 'sr2'), ctx)).rejects.toThrow(/repaint/);
  });
});
