import '@tensorflow/tfjs-backend-cpu';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { INITIAL_NOISE_KEY, normals } from '../../../core/rng';
import { shiftedFlowGrid } from '../../../core/schedules/flow';
import { requireShippedModels } from '../../../models/shippedModels.testkit';
import type { ImageJob } from '../../protocol';
import {
  collectingContext,
  digitsTestImages as testImages,
  expectDigitsLoaded,
  expectGridReachesZero,
  expectRepaintKeepsPixels,
  fileFetch,
  finished,
  FIXED_STEP_SAMPLERS,
  runImageJobCollecting,
} from './imageJob.testkit';
import { runImageInvert } from './imagesInvert';

/**
 * The image jobs on the flow-matching digits UNet (velocity on the rectified flow), on tfjs-wasm
 * in Node (about 5× the cpu backend on this UNet).
 */
requireShippedModels(['digits-fm', 'digits', 'digits-classifier']);
const sampling = {
  model: 'digits-fm',
  sampler: 'euler',
  samplerParams: {},
  steps: 4,
  spacing: 'trailing' as const,
  shift: 1,
  seed: 3,
  guide: 'cfg' as const,
  guidance: 2,
  clipX0: true,
};

const stepFrames = (frames: Awaited<ReturnType<typeof runImageJobCollecting>>['frames']) =>
  frames.filter((f) => f.frame.kind === 'step');

beforeAll(async () => {
  const dist = dirname(
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json'),
  );
  setWasmPaths(`${dist}/dist/`);
  vi.stubGlobal('fetch', fileFetch);
  await tf.setBackend('wasm');
});

describe('image jobs on the flow-matching digits-fm model (tfjs wasm)', () => {
  it('image-load returns the digits test images (digits-fm ships none) and the classifier', () =>
    expectDigitsLoaded('digits-fm'));

  it('a guided grid (w = 2, Euler, 4 steps) draws digits the bundled classifier labels as asked', async () => {
    const { frames } = await runImageJobCollecting({
      kind: 'image-grid',
      ...sampling,
      classChoice: 'all',
      count: 10,
      quality: true,
    });
    const steps = stepFrames(frames);
    // Time-uniform in τ from 0.999 to 0.001, then the data; the frame's scale is 1 − τ.
    const taus = [0, 1, 2, 3].map((k) => 0.999 - (k * 0.998) / 3);
    expect(steps.map((f) => f.info?.t)).toEqual([...taus, 0].map((t) => expect.closeTo(t, 12)));
    steps.forEach((f) => expect(f.info?.scale).toBeCloseTo(1 - (f.info?.t ?? 0), 12));
    // x_T on the flow is (1 − τ)·0 + τ·ε at τ = 0.999, ε the seed's initial stream.
    const z = normals(sampling.seed, INITIAL_NOISE_KEY, 10 * 256);
    const first = steps[0].frame;
    if (first.kind !== 'step') throw new Error('expected a step frame');
    first.xt.forEach((v, i) => expect(v).toBeCloseTo(0.999 * z[i], 4));
    const quality = frames.at(-1)?.frame;
    if (quality?.kind !== 'quality') throw new Error('expected a quality frame');
    expect(quality.agreeing).toBeGreaterThanOrEqual(8);
  });

  it('the time shift α places the steps as diffusers FlowMatchEulerDiscreteScheduler does', async () => {
    const { frames } = await runImageJobCollecting({
      kind: 'image-grid',
      ...sampling,
      shift: 3,
      guidance: 1,
      classChoice: 4,
      count: 1,
      quality: false,
    });
    const expected = shiftedFlowGrid(4, 3).sigmas;
    const got = stepFrames(frames).map((f) => f.info?.sigma ?? NaN);
    expect(got.at(-1)).toBe(0);
    got.slice(0, -1).forEach((s, i) => expect(s / expected[i]).toBeCloseTo(1, 9));
  });

  it('forward noising gives x_t = (1 − t)x0 + tε and the velocity estimate v̂ = ε̂ − x̂0', async () => {
    const { frames } = await runImageJobCollecting({
      kind: 'image-noise',
      model: 'digits-fm',
      image: 4,
      t: 0.5,
      seed: 2,
      conditional: true,
      guidance: 1,
    });
    const f = frames[0].frame;
    if (f.kind !== 'noise') throw new Error('expected a noise frame');
    const tau = frames[0].info?.t ?? NaN;
    expect(tau).toBeCloseTo(0.5, 12);
    const x0 = testImages.images[4].map((v: number) => v / 127.5 - 1);
    const eps = normals(2, INITIAL_NOISE_KEY, 256);
    f.xt.forEach((v, i) => expect(v).toBeCloseTo((1 - tau) * x0[i] + tau * eps[i], 5));
    f.vHat.forEach((v, i) => expect(v).toBeCloseTo(f.epsHat[i] - f.x0[i], 4));
    // Halfway along the flow the digit is still legible: x̂0 is far closer to x0 than x_t is.
    expect(f.mseX0).toBeLessThan(0.1);
  });

  it('inversion then regeneration with Heun reconstructs the image, converging at second order', async () => {
    const invert = async (method: 'heun' | 'ddim', steps: number) =>
      finished(
        await runImageInvert(
          {
            kind: 'image-invert',
            model: 'digits-fm',
            image: 0,
            method,
            steps,
            spacing: 'trailing',
            shift: 1,
            conditional: true,
          },
          collectingContext().ctx,
        ),
      );
    const heun20 = await invert('heun', 20);
    const heun40 = await invert('heun', 40);
    const ddim20 = await invert('ddim', 20);
    const ddim40 = await invert('ddim', 40);
    // Measured: Heun RMS 0.0232 (20 steps) and 0.00288 (40); DDIM 0.0224 and 0.0112 (first order).
    expect(heun40.rmse).toBeLessThan(0.01);
    expect(heun20.rmse / heun40.rmse).toBeGreaterThan(3);
    expect(ddim20.rmse / ddim40.rmse).toBeLessThan(3);
    expect(heun40.rmse).toBeLessThan(ddim40.rmse / 2);
    // The inverted noise looks like a standard normal draw.
    expect(Math.abs(heun40.latentMean)).toBeLessThan(0.3);
    expect(heun40.latentStd).toBeGreaterThan(0.5);
    expect(heun40.latentStd).toBeLessThan(1.5);
  });

  it('RePaint runs on the flow: kept pixels equal the source, forward moves on the flow grid', () =>
    expectRepaintKeepsPixels('digits-fm'));

  it.each(FIXED_STEP_SAMPLERS)(
    'sampler %s runs on the flow model with its defaults and reaches σ = 0',
    (sampler) => expectGridReachesZero(sampling, sampler),
  );

  it('leaves no tensors behind', async () => {
    const jobs: ImageJob[] = [
      { kind: 'image-grid', ...sampling, steps: 2, classChoice: 'all', count: 2, quality: true },
      {
        kind: 'image-noise',
        model: 'digits-fm',
        image: 1,
        t: 0.4,
        seed: 2,
        conditional: true,
        guidance: 2,
      },
      {
        kind: 'image-invert',
        model: 'digits-fm',
        image: 1,
        method: 'heun',
        steps: 2,
        spacing: 'trailing',
        shift: 2,
        conditional: false,
      },
      {
        kind: 'image-interp',
        ...sampling,
        steps: 2,
        mode: 'noise',
        classA: 1,
        classB: 7,
        seedB: 3,
        count: 2,
      },
    ];
    await runImageJobCollecting(jobs[0]);
    const before = tf.memory().numTensors;
    for (const job of jobs) await runImageJobCollecting(job);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a time shift out of range by name', async () => {
    await expect(
      runImageJobCollecting({
        kind: 'image-grid',
        ...sampling,
        shift: 0,
        classChoice: 0,
        count: 1,
        quality: false,
      }),
    ).rejects.toThrow(/time shift α must be in 0.1..10, got 0/);
  });
});
