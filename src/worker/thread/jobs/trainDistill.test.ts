import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainJob } from '../../protocol/train';
import { runTrain } from './train';
import { smallTrainJob, trainHarness } from './trainLoop.testkit';

const base = smallTrainJob({ stopAt: 12 });

/** Runs until the job pauses at its stop step; returns the snapshots. */
async function snapshotsOf(job: TrainJob) {
  const { ctx, messages } = trainHarness(false, (m) =>
    m.some((x) => x.type === 'trainState' && x.state === 'paused'),
  );
  await runTrain(job, ctx);
  const losses = messages.flatMap((m) => (m.type === 'trainLoss' ? [...m.losses] : []));
  expect(losses.every(Number.isFinite)).toBe(true);
  return messages.flatMap((m) => (m.type === 'trainSnapshot' ? [m] : []));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('distillation runs in the worker', () => {
  it('progressive distillation: a round ends at its step, its student halves the steps', async () => {
    const snaps = await snapshotsOf({
      ...base,
      distill: { mode: 'distill', teacherSteps: 8, roundSteps: 5, levels: 18 },
    });
    // Rounds 8 → 4, 4 → 2, 2 → 1 (the last runs on): snapshots at the start, at the rounds'
    // ends (5, 10) and at the stop step (12).
    expect(snaps.map((s) => s.info.step)).toEqual([0, 5, 10, 12]);
    const reports = snaps.map((s) => s.info.distill!);
    expect(reports.map((r) => r.studentSteps)).toEqual([4, 2, 1, 1]);
    expect(reports.map((r) => r.round)).toEqual([0, 1, 2, 2]);
    const last = reports[reports.length - 1];
    expect(last.rows.map((r) => r.nfe)).toEqual([1, 2, 4, 8]);
    // The exact teacher's DDIM improves with steps; every student's step count was measured.
    expect(last.rows[3].teacher).toBeLessThan(last.rows[0].teacher);
    expect(last.rows.map((r) => r.student !== null)).toEqual([true, true, true, false]);
    // Each step count's figure is its student's at the end of its round, not the untrained one's.
    expect(reports[1].rows[2].student).not.toBe(reports[0].rows[2].student);
    expect(snaps[3].parts.samples.length).toBe(80);
  }, 60000);

  it('consistency distillation: samples only, sliced W1 at 1, 2 and 4 steps', async () => {
    const snaps = await snapshotsOf({
      ...base,
      distill: { mode: 'cd', teacherSteps: 4, roundSteps: 5, levels: 10 },
    });
    expect(snaps.map((s) => s.info.step)).toEqual([0, 12]);
    const last = snaps[1];
    expect(last.parts.samples.length).toBe(80);
    expect([last.parts.field.length, last.parts.error.length, last.parts.map.length]).toEqual([
      0, 0, 0,
    ]);
    expect(last.info.distill!.rows.map((r) => r.nfe)).toEqual([1, 2, 4]);
    expect(last.info.distill!.rows.every((r) => Number.isFinite(r.student))).toBe(true);
  }, 60000);
});
