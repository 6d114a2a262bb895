import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadTrained } from '../../../models/train2d/modelFiles';
import type { TrainSnapshotParts } from '../../protocol/train';
import { runTrain } from './train';
import { smallTrainJob, trainHarness } from './trainLoop.testkit';

const job = smallTrainJob({
  snapshotEvery: 10,
  snapshot: { ...smallTrainJob().snapshot, particles: 50 },
});

/** A snapshot's parts in order: samples, field, density, error, map. */
const partsOf = (p: TrainSnapshotParts) => [p.samples, p.field, p.density, p.error, p.map];
/** All of a snapshot's values, part after part. */
const valuesOf = (p: TrainSnapshotParts) => partsOf(p).flatMap((a) => Array.from(a));

const harness = trainHarness;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('runTrain', () => {
  it('streams contiguous loss chunks and a snapshot every k steps, until cancelled', async () => {
    const { ctx, messages } = harness(
      false,
      (m) => m.filter((x) => x.type === 'trainSnapshot').length >= 3,
    );
    await runTrain(job, ctx);
    const losses = messages.flatMap((m) => (m.type === 'trainLoss' ? [m] : []));
    expect(losses.map((m) => m.firstStep)).toEqual([0, 4, 8, 10, 14, 18]);
    expect(losses.map((m) => m.losses.length)).toEqual([4, 4, 2, 4, 4, 2]);
    expect(losses.every((m) => m.stepsPerSecond > 0 && m.losses.every(Number.isFinite))).toBe(true);
    const snaps = messages.flatMap((m) => (m.type === 'trainSnapshot' ? [m] : []));
    expect(snaps.map((s) => s.info.step)).toEqual([0, 10, 20]);
    expect(snaps.every((s) => valuesOf(s.parts).every(Number.isFinite))).toBe(true);
    expect(snaps[0].info.errorTimes).toEqual([999 / 6, 999 / 2, (5 * 999) / 6]);
    for (const s of snaps)
      expect(partsOf(s.parts).map((p) => p.length)).toEqual([100, 50, 36, 3, 16]);
  }, 30000);

  it('paused: trains exactly the requested steps, then saves weights that load', async () => {
    let phase = 0;
    const { ctx, messages } = harness(true, (m, control) => {
      if (phase === 0) {
        control.apply({ action: 'step', steps: 3 });
        phase = 1;
      }
      const saved = m.some((x) => x.type === 'trainSaved');
      if (phase === 1 && m.filter((x) => x.type === 'trainSnapshot').length === 2) {
        control.apply({ action: 'save' });
        phase = 2;
      }
      return saved;
    });
    await runTrain(job, ctx);
    const losses = messages.flatMap((m) => (m.type === 'trainLoss' ? Array.from(m.losses) : []));
    expect(losses).toHaveLength(3);
    expect(messages.find((m) => m.type === 'trainState')).toMatchObject({
      state: 'paused',
      step: 0,
    });
    const saved = messages.find((m) => m.type === 'trainSaved');
    if (saved?.type !== 'trainSaved') throw new Error('no trainSaved message');
    expect(saved.step).toBe(3);
    const loaded = await loadTrained({
      modelJson: saved.modelJson,
      weights: { 'weights.bin': new Uint8Array(saved.weightsBin) },
    });
    expect(loaded.entry.dataset).toBe('gaussians8');
    tf.dispose(Object.values(loaded.weights));
  }, 30000);

  it('stopAt: pauses exactly there with a snapshot; an upload of the saved weights snapshots identically', async () => {
    let asked = false;
    const first = harness(false, (m, control) => {
      const snaps = m.filter((x) => x.type === 'trainSnapshot');
      if (!asked && snaps.length === 2) {
        control.apply({ action: 'save' });
        asked = true;
      }
      return m.some((x) => x.type === 'trainSaved');
    });
    await runTrain({ ...job, snapshotEvery: 0, chunk: 5, stopAt: 7 }, first.ctx);
    const losses = first.messages.flatMap((m) => (m.type === 'trainLoss' ? [m.firstStep] : []));
    expect(losses).toEqual([0, 5]);
    const states = first.messages.flatMap((m) => (m.type === 'trainState' ? [m] : []));
    expect(states.map((m) => [m.state, m.step])).toEqual([
      ['running', 0],
      ['paused', 7],
    ]);
    const snaps = first.messages.flatMap((m) => (m.type === 'trainSnapshot' ? [m] : []));
    expect(snaps.map((m) => m.info.step)).toEqual([0, 7]);
    const saved = first.messages.find((m) => m.type === 'trainSaved');
    if (saved?.type !== 'trainSaved') throw new Error('no trainSaved message');

    const second = harness(true, (m) => m.some((x) => x.type === 'trainSnapshot'));
    const upload = {
      modelJson: saved.modelJson,
      weights: { 'weights.bin': new Uint8Array(saved.weightsBin) },
    };
    await runTrain({ ...job, start: 'upload', upload, config: {} }, second.ctx);
    const again = second.messages.find((m) => m.type === 'trainSnapshot');
    if (again?.type !== 'trainSnapshot') throw new Error('no snapshot of the upload');
    expect(again.info.step).toBe(0);
    expect(valuesOf(again.parts)).toEqual(valuesOf(snaps[1].parts));
  }, 30000);

  it("'view' changes what the next snapshot holds", async () => {
    let phase = 0;
    const { ctx, messages } = harness(true, (m, control) => {
      if (phase === 0 && m.length > 0) {
        control.apply({
          action: 'view',
          snapshotEvery: 0,
          snapshot: { ...job.snapshot, particles: 0, densitySize: 0, mapSize: 2, errorTimes: 5 },
        });
        phase = 1;
      }
      return m.filter((x) => x.type === 'trainSnapshot').length === 2;
    });
    await runTrain(job, ctx);
    const snaps = messages.flatMap((m) => (m.type === 'trainSnapshot' ? [m] : []));
    expect(partsOf(snaps[1].parts).map((p) => p.length)).toEqual([0, 50, 0, 5, 4]);
    expect(snaps[1].info.errorTimes).toHaveLength(5);
  }, 30000);

  it('with pageWaitMs, trains on only once the page has shown the last chunk or snapshot', async () => {
    const { ctx, messages, control } = harness(
      false,
      (m) => m.filter((x) => x.type === 'trainLoss').length >= 2,
    );
    const run = runTrain({ ...job, snapshotEvery: 0, pageWaitMs: 60_000 }, ctx);
    const count = (type: string) => messages.filter((m) => m.type === type).length;
    const rest = () => new Promise((r) => setTimeout(r, 300));
    await vi.waitFor(() => expect(count('trainSnapshot')).toBe(1), { timeout: 20_000 });
    await rest();
    expect(count('trainLoss')).toBe(0);
    control.apply({ action: 'shown' });
    await vi.waitFor(() => expect(count('trainLoss')).toBe(1), { timeout: 20_000 });
    await rest();
    expect(count('trainLoss')).toBe(1);
    control.apply({ action: 'shown' });
    await run;
    expect(count('trainLoss')).toBe(2);
  }, 30000);

  it('without a reply, the run trains on after pageWaitMs (a hidden page draws nothing)', async () => {
    const { ctx, messages } = harness(
      false,
      (m) => m.filter((x) => x.type === 'trainLoss').length >= 3,
    );
    await runTrain({ ...job, snapshotEvery: 0, pageWaitMs: 20 }, ctx);
    expect(messages.filter((m) => m.type === 'trainLoss')).toHaveLength(3);
  }, 30000);
});
