import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { MODELS_DIR, requireShippedModels } from '../../../models/shippedModels.testkit';
import type { ImageJob } from '../../protocol';
import { ADAPTIVE_SAMPLERS, SAMPLERS } from '../../../core/samplers/registry';
import { collectingContext, fileFetch, finished, runImageJobCollecting } from './imageJob.testkit';
import { runImageInvert } from './imagesInvert';
import { runImageInpaint } from './imagesRepaint';
import { runImageLoad } from './imagesTools';

requireShippedModels(['digits']);
const testImages = JSON.parse(readFileSync(`${MODELS_DIR}digits/test-images.json`, 'utf8'));

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
  it('image-load returns the hash-checked test images with their labels', async () => {
    const loaded = await runImageLoad(
      { kind: 'image-load', model: 'digits' },
      collectingContext().ctx,
    );
    expect([loaded.count, loaded.height, loaded.width, loaded.classes]).toEqual([
      testImages.images.length,
      16,
      16,
      10,
    ]);
    expect(loaded.hasClassifier).toBe(true);
    expect([...loaded.labels]).toEqual(testImages.labels);
  });

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

  // Adaptive samplers pick their own steps (rk45: 56 evaluations at the loosest tolerance over the
  // first interval), too slow on the CPU backend; e2e/images.spec.ts runs rk45 on wasm.
  it.each(
    SAMPLERS.filter((d) => !d.id.endsWith('-inversion') && !ADAPTIVE_SAMPLERS.has(d.id)).map(
      (d) => d.id,
    ),
  )('sampler %s runs on the image model with its defaults and reaches σ = 0', async (sampler) => {
    const { frames } = await runImageJobCollecting({
      kind: 'image-grid',
      ...sampling,
      guidance: 1,
      steps: 2,
      sampler,
      classChoice: 1,
      count: 1,
      quality: false,
    });
    const last = frames.at(-1);
    expect(last?.info?.sigma).toBe(0);
    expect(last?.frame.kind === 'step' && last.frame.xt.every(Number.isFinite)).toBe(true);
  });

  it('RePaint keeps the kept pixels equal to the source image', async () => {
    const keep = Array.from({ length: 256 }, (_, i) => (i % 16 < 8 ? 1 : 0));
    const { ctx, frames } = collectingContext();
    const result = await runImageInpaint(
      {
        kind: 'image-inpaint',
        model: 'digits',
        image: 2,
        keep,
        count: 1,
        steps: 3,
        spacing: 'trailing',
        shift: 1,
        jumpLength: 1,
        resamples: 2,
        seed: 1,
        conditional: true,
        guidance: 1,
        clipX0: true,
      },
      ctx,
    );
    expect(finished(result).maxKeptError).toBe(0);
    const last = frames.at(-1)?.frame;
    if (last?.kind !== 'move') throw new Error('expected a move frame');
    const source = testImages.images[2].map((v: number) => Math.fround(v / 127.5 - 1));
    keep.forEach((k, i) => k && expect(last.xt[i]).toBe(source[i]));
    expect(frames.filter((f) => f.frame.kind === 'move' && f.frame.forward).length).toBe(2);
  });

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
