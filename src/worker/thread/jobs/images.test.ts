import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { requireShippedModels } from '../../../models/shippedModels.testkit';
import type { ImageJob } from '../../protocol';
import {
  collectingContext,
  expectDigitsLoaded,
  expectGridReachesZero,
  expectRepaintKeepsPixels,
  fileFetch,
  finished,
  FIXED_STEP_SAMPLERS,
  runImageJobCollecting,
} from './imageJob.testkit';
import { runImageInvert } from './imagesInvert';

requireShippedModels(['digits']);
const sampling = {
  model: 'digits',
  sampler: 'ddim',
  samplerParams: {},
  steps: 3,
  spacing: 'trailing' as const,
  shift: 1,
  seed: 5,
  guide: 'cfg' as const,
  guidance: 2,
  clipX0: true,
};

beforeAll(async () => {
  await tf.setBackend('cpu');
  vi.stubGlobal('fetch', fileFetch);
});

describe('image jobs on the shipped digits model (tfjs cpu)', () => {
  it('image-load returns the hash-checked test images with their labels', () =>
    expectDigitsLoaded('digits'));

  it('a grid streams x_t (and x̂0 after step 0) of every cell per step, then a quality frame', async () => {
    const { frames } = await runImageJobCollecting({
      kind: 'image-grid',
      ...sampling,
      classChoice: 'all',
      count: 2,
      quality: true,
    });
    const steps = frames.filter((f) => f.frame.kind === 'step');
    expect(steps.map((f) => f.step)).toEqual([0, 1, 2, 3]);
    steps.forEach(({ frame, step }) => {
      if (frame.kind !== 'step') return;
      expect(frame.xt.length).toBe(2 * 256);
      expect(frame.x0 === null).toBe(step === 0);
    });
    expect(steps.map((f) => f.info?.nfe)).toEqual([0, 1, 2, 3]);
    expect(steps[3].info?.sigma).toBe(0);
    const quality = frames.at(-1)?.frame;
    expect(quality?.kind).toBe('quality');
    if (quality?.kind !== 'quality') return;
    expect(quality.predicted.length).toBe(2);
    expect(quality.agreeing).not.toBeNull();
    expect(Number.isFinite(quality.fd) && Number.isFinite(quality.fdFloor)).toBe(true);
    expect(quality.inceptionScore).toBeGreaterThanOrEqual(1);
  });

  it('the same seed gives the same x_T whatever the sampler or the grid size', async () => {
    const first = async (sampler: string, count: number) => {
      const { frames } = await runImageJobCollecting({
        kind: 'image-grid',
        ...sampling,
        steps: 1,
        sampler,
        classChoice: 3,
        count,
        quality: false,
      });
      const f = frames[0].frame;
      return f.kind === 'step' ? Array.from(f.xt.subarray(0, 256)) : [];
    };
    const ddim = await first('ddim', 1);
    expect(await first('euler-ancestral', 2)).toEqual(ddim);
    expect(await first('dpmpp-2m', 1)).toEqual(ddim);
  });

  it.each(FIXED_STEP_SAMPLERS)(
    'sampler %s runs on the image model with its defaults and reaches σ = 0',
    (sampler) => expectGridReachesZero(sampling, sampler),
  );

  it('RePaint keeps the kept pixels equal to the source image', () =>
    expectRepaintKeepsPixels('digits'));

  it('inversion streams both phases and reports the reconstruction error', async () => {
    const { ctx, frames } = collectingContext();
    const result = await runImageInvert(
      {
        kind: 'image-invert',
        model: 'digits',
        image: 0,
        method: 'ddim',
        steps: 2,
        spacing: 'trailing',
        shift: 1,
        conditional: true,
      },
      ctx,
    );
    const phases = frames.map((f) => (f.frame.kind === 'phase' ? f.frame.phase : ''));
    expect(phases).toEqual(['invert', 'invert', 'invert', 'regenerate', 'regenerate']);
    const r = finished(result);
    expect(r.rmse).toBeGreaterThan(0);
    expect(r.maxError).toBeGreaterThanOrEqual(r.rmse);
  });

  it('leaves no tensors behind: grid with quality, noising, RePaint, inversion, interpolation', async () => {
    const jobs: ImageJob[] = [
      { kind: 'image-grid', ...sampling, steps: 2, classChoice: 'all', count: 2, quality: true },
      {
        kind: 'image-noise',
        model: 'digits',
        image: 1,
        t: 0.4,
        seed: 2,
        conditional: true,
        guidance: 2,
      },
      {
        kind: 'image-inpaint',
        model: 'digits',
        image: 1,
        keep: Array.from({ length: 256 }, (_, i) => (i < 128 ? 1 : 0)),
        count: 1,
        steps: 2,
        spacing: 'trailing',
        shift: 1,
        jumpLength: 1,
        resamples: 2,
        seed: 1,
        conditional: false,
        guidance: 0,
        clipX0: true,
      },
      {
        kind: 'image-invert',
        model: 'digits',
        image: 1,
        method: 'heun',
        steps: 2,
        spacing: 'trailing',
        shift: 1,
        conditional: false,
      },
      {
        kind: 'image-interp',
        ...sampling,
        steps: 2,
        mode: 'class',
        classA: 1,
        classB: 7,
        seedB: 3,
        count: 2,
      },
    ];
    await runImageJobCollecting(jobs[0]);
    const before = tf.memory().numTensors;
    for (const job of jobs) {
      await runImageJobCollecting(job);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names a model missing from the manifest and a bad grid size', async () => {
    await expect(runImageJobCollecting({ kind: 'image-load', model: 'nosuch' })).rejects.toThrow(
      /"nosuch" is not in this build's manifest \(image models here: digits/,
    );
    await expect(
      runImageJobCollecting({
        kind: 'image-grid',
        ...sampling,
        classChoice: 0,
        count: 65,
        quality: false,
      }),
    ).rejects.toThrow(/number of samples must be an integer in 1..64, got 65/);
  });
});
