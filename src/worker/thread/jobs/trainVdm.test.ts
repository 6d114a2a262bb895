import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_VDM_SETTINGS } from '../../protocol/train';
import { TrainControl, type TrainContext } from './trainLoop';
import { smallTrainJob, trainHarness } from './trainLoop.testkit';
import { runVdmTrain } from './trainVdm';

const job = smallTrainJob({ config: { hidden: 16, layers: 1, batch: 32 }, stopAt: 6 });
const settings = { ...DEFAULT_VDM_SETTINGS, sampleSteps: 8 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('runVdmTrain', () => {
  it('runs to the stop step and pauses, streaming the bound and its variance, with the learned schedule in each snapshot', async () => {
    const { ctx, messages, control } = trainHarness(
      false,
      (m) => m.filter((x) => x.type === 'trainSnapshot').length >= 2,
    );
    await runVdmTrain(job, settings, ctx);
    const chunks = messages.flatMap((m) => (m.type === 'trainLoss' ? [m] : []));
    expect(chunks.map((m) => [m.firstStep, m.losses.length])).toEqual([
      [0, 4],
      [4, 2],
    ]);
    expect(chunks.every((m) => m.variances?.length === m.losses.length)).toBe(true);
    expect(chunks.every((m) => [...m.losses, ...m.variances!].every(Number.isFinite))).toBe(true);
    expect(control.paused).toBe(true);
    const snaps = messages.flatMap((m) => (m.type === 'trainSnapshot' ? [m] : []));
    expect(snaps.map((s) => s.info.step)).toEqual([0, 6]);
    for (const s of snaps) {
      const vdm = s.info.vdm!;
      expect(vdm.t).toHaveLength(101);
      expect(vdm.gamma.every((g, i) => i === 0 || g > vdm.gamma[i - 1])).toBe(true);
      expect(vdm.learned.variance).toBeGreaterThan(0);
      expect(s.parts.samples).toHaveLength(80);
      expect(s.parts.samples.every(Number.isFinite)).toBe(true);
      expect(s.parts.density).toHaveLength(36);
    }
    // At step 0 the schedule is the seeded start, with the settings' endpoints.
    expect(snaps[0].info.vdm!.gamma[0]).toBeCloseTo(settings.gamma0, 4);
    expect(snaps[0].info.vdm!.gamma[100]).toBeCloseTo(settings.gamma1, 4);
  }, 30000);

  it('refuses a start other than scratch', async () => {
    const ctx = { control: new TrainControl(false) } as TrainContext;
    await expect(runVdmTrain({ ...job, start: 'shipped' }, settings, ctx)).rejects.toThrow(
      /from scratch/,
    );
  });
});
