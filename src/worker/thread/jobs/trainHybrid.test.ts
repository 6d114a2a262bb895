import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTrained } from '../../../models/train2d/modelFiles';
import { mlp2dDenoiser } from '../../../models/denoiser2d';
import { runTrain } from './train';
import { smallTrainJob, trainHarness } from './trainLoop.testkit';

const job = smallTrainJob({
  chunk: 5,
  snapshotEvery: 10,
  snapshot: {
    ...smallTrainJob().snapshot,
    particles: 20,
    fieldSize: 0,
    errorTimes: 2,
    mapSize: 0,
    densitySize: 0,
  },
  hybrid: { lambda: 0.001, sampleSteps: 8 },
});

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const harness = (stop: Parameters<typeof trainHarness>[1]) => trainHarness(false, stop);

describe('a hybrid training run', () => {
  it('streams both loss terms, reports the learned variance between β̃ and β, and saves a usable network', async () => {
    let saving = false;
    const { ctx, messages } = harness((m, control) => {
      const snaps = m.filter((x) => x.type === 'trainSnapshot').length;
      if (snaps >= 2 && !saving) {
        control.apply({ action: 'save' });
        saving = true;
      }
      return m.some((x) => x.type === 'trainSaved');
    });
    await runTrain(job, ctx);
    const losses = messages.flatMap((m) => (m.type === 'trainLoss' ? [m] : []));
    for (const m of losses) {
      const { simple, vlb } = m.terms!;
      m.losses.forEach((l, i) => expect(l).toBeCloseTo(simple[i] + 0.001 * vlb[i], 4));
    }
    const snaps = messages.flatMap((m) => (m.type === 'trainSnapshot' ? [m] : []));
    const report = snaps[snaps.length - 1].info.hybrid!;
    expect(report.sampleSteps).toBe(8);
    expect(report.times[0]).toBe(0);
    expect(report.times[report.times.length - 1]).toBe(999);
    // An output near 0 gives v near ½: Σ_θ lies between β̃_t and β_t.
    report.learned.forEach((v, k) => {
      expect(v).toBeGreaterThanOrEqual(report.betaTilde[k] * 0.999);
      expect(v).toBeLessThanOrEqual(report.beta[k] * 1.001);
    });
    for (const choice of ['learned', 'beta', 'betaTilde'] as const) {
      expect(Number.isFinite(report.bound[choice])).toBe(true);
      expect(report.samples[choice].length).toBe(1000);
    }
    // Saved with its variance outputs; loaded back, it is a denoiser by its ε̂.
    const saved = messages.find((m) => m.type === 'trainSaved')!;
    const loaded = await loadTrained({
      modelJson: saved.modelJson,
      weights: { 'weights.bin': new Uint8Array(saved.weightsBin) },
    });
    expect(loaded.modelJson.architecture).toMatchObject({ learnedVariance: true });
    const out = tf.tidy(() => mlp2dDenoiser(loaded)(tf.zeros([3, 2]), 1));
    expect(out.shape).toEqual([3, 2]);
    out.dispose();
  }, 60000);

  it('refuses to start from a shipped network', async () => {
    const { ctx } = harness(() => false);
    await expect(runTrain({ ...job, start: 'shipped' }, ctx)).rejects.toThrow(/from scratch/);
  });
});
