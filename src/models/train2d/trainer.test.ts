import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { exactModel } from '../../core/data/exact';
import { sampleDataset } from '../../core/data/index';
import { readShippedMlp } from './shippedMlp.testkit';
import { batchLoss } from './objectives';
import { Trainer } from './trainer';

const DATA = sampleDataset('gaussians8', 4000, 1);
const EXACT = exactModel('gaussians8').model;
/** Ten times spread over the schedule t ∈ [0, 999]. */
const TIMES = Array.from({ length: 10 }, (_, i) => 50 + 100 * i);
const SMALL = { hidden: 32, layers: 2, batch: 128 };
const mean = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0) / a.length;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Trainer', () => {
  it('300 steps on gaussians8 lower the loss 2.5× and the error to the exact denoiser 50×', async () => {
    const trainer = new Trainer(DATA, { config: SMALL });
    const before = await trainer.errorVsTime(EXACT, TIMES, 256);
    const t0 = performance.now();
    const losses = await trainer.step(300);
    const ms = performance.now() - t0;
    const after = await trainer.errorVsTime(EXACT, TIMES, 256);
    const lossRatio = losses[0] / mean(losses.slice(-50));
    const errorRatio = mean(before) / mean(after);
    console.log(
      `${(300000 / ms).toFixed(1)} steps/s; loss ${losses[0].toFixed(3)} -> ${mean(losses.slice(-50)).toFixed(3)} (×${lossRatio.toFixed(1)});` +
        ` mean error ${mean(before).toFixed(1)} -> ${mean(after).toFixed(2)} (×${errorRatio.toFixed(0)})\n` +
        `  per t: ${TIMES.map((t, i) => `${t}: ${before[i].toPrecision(2)}→${after[i].toPrecision(2)}`).join(', ')}`,
    );
    expect(lossRatio).toBeGreaterThan(2.5);
    expect(errorRatio).toBeGreaterThan(50);
    // It learns the large-t structure first: the error at t = 450 falls 10×, at t = 50 barely.
    expect(before[4] / after[4]).toBeGreaterThan(10);
    expect(before[0] / after[0]).toBeLessThan(2);
    trainer.dispose();
  }, 60000);

  it.each(['eps', 'x0', 'v', 'dsm', 'edm'] as const)(
    '%s: the first loss is the objective at zero output (the output layer starts at 0)',
    async (objective) => {
      const trainer = new Trainer(DATA, { config: { ...SMALL, objective } });
      const [first] = await trainer.step(1);
      const batch = trainer.batchAt(0);
      expect(first).toBeCloseTo(batchLoss(batch, new Float64Array(batch.xt.length)), 4);
      trainer.dispose();
    },
  );

  it('is reproducible from its seed, and reset starts the same run again', async () => {
    const a = new Trainer(DATA, { config: { ...SMALL, seed: 3 } });
    const b = new Trainer(DATA, { config: { ...SMALL, seed: 3 } });
    const first = await a.step(3);
    expect(Array.from(await b.step(3))).toEqual(Array.from(first));
    a.reset();
    expect(a.stepsDone).toBe(0);
    expect(Array.from(await a.step(3))).toEqual(Array.from(first));
    const c = new Trainer(DATA, { config: { ...SMALL, seed: 4 } });
    expect((await c.step(3))[2]).not.toBe(first[2]);
    for (const t of [a, b, c]) t.dispose();
  });

  it('fine-tunes a shipped model: starts from its denoiser, far closer to the exact one', async () => {
    const shipped = readShippedMlp('mlp-gaussians8');
    const arch = shipped.json.architecture as unknown as Record<string, number>;
    const config = {
      hidden: arch.hidden,
      layers: arch.layers,
      timeDim: arch.timeDim,
      tembDim: arch.tembDim,
      batch: 64,
    };
    const tuned = new Trainer(DATA, { config, init: shipped.weights });
    const scratch = new Trainer(DATA, { config });
    const times = [250, 650];
    const [tunedErr, scratchErr] = [
      await tuned.errorVsTime(EXACT, times, 128),
      await scratch.errorVsTime(EXACT, times, 128),
    ];
    expect(tunedErr[0]).toBeLessThan(scratchErr[0] / 10);
    expect(tunedErr[1]).toBeLessThan(scratchErr[1] / 10);
    const [tunedLoss] = await tuned.step(1);
    const [scratchLoss] = await scratch.step(1);
    expect(tunedLoss).toBeLessThan(scratchLoss / 2);
    tf.dispose(Object.values(shipped.weights));
    tuned.dispose();
    scratch.dispose();
  });

  it('evaluates the exact model once per time and grid; cached errors equal fresh ones', async () => {
    const trainer = new Trainer(DATA, { config: SMALL });
    let calls = 0;
    const counted = {
      ...EXACT,
      denoise: (x: Float64Array, s: number) => (calls++, EXACT.denoise(x, s)),
    };
    const first = await trainer.errorVsTime(counted, TIMES, 64);
    await trainer.step(5);
    const grid = { size: 6, extent: 3 };
    await trainer.errorMap(counted, 300, grid);
    expect(calls).toBe(TIMES.length + 1);
    const cached = await trainer.errorVsTime(counted, TIMES, 64);
    const map = await trainer.errorMap(counted, 300, grid);
    expect(calls).toBe(TIMES.length + 1);
    const fresh = new Trainer(DATA, { config: SMALL });
    await fresh.step(5);
    expect(Array.from(await fresh.errorVsTime(EXACT, TIMES, 64))).toEqual(Array.from(cached));
    expect(Array.from(await fresh.errorMap(EXACT, 300, grid))).toEqual(Array.from(map));
    expect(Array.from(first)).not.toEqual(Array.from(cached));
    trainer.dispose();
    fresh.dispose();
  });
});
