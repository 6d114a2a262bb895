/** Test-only helpers (Node): the image jobs run on the shipped models read from disk. */
import { existsSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { ADAPTIVE_SAMPLERS, SAMPLERS } from '../../../core/samplers/registry';
import { MODELS_DIR } from '../../../models/shippedModels.testkit';
import type { FrameInfo, ImageFrame, ImageGridJob, ImageJob } from '../../protocol';
import type { JobContext } from './context';
import { runImageInvert } from './imagesInvert';
import { runImageInpaint } from './imagesRepaint';
import { runImageGrid, runImageInterp } from './imagesSample';
import { runImageLoad, runImageNoise } from './imagesTools';

/** Serves public/models/ from disk, as the app's origin would (stub it as the global fetch). */
export async function fileFetch(url: string | URL | Request): Promise<Response> {
  const path = String(url);
  return existsSync(path) ? new Response(readFileSync(path)) : new Response(null, { status: 404 });
}

export interface CollectedFrame {
  step: number;
  frame: ImageFrame;
  info?: FrameInfo;
}

/** A job context on the shipped models that keeps every frame a job emits. */
export function collectingContext(): { ctx: JobContext<ImageFrame>; frames: CollectedFrame[] } {
  const frames: CollectedFrame[] = [];
  const ctx: JobContext<ImageFrame> = {
    runId: 1,
    modelsUrl: MODELS_DIR,
    isCancelled: () => false,
    emit: (step, _total, frame, info) => frames.push({ step, frame, info }),
    progress: () => {},
  };
  return { ctx, frames };
}

/** A finished run's result (null only when cancelled). */
export function finished<T>(result: T | null): T {
  if (result === null) throw new Error('the run was cancelled');
  return result;
}

/** Runs one image job to its end, keeping every frame it emits (results: call runImage* with collectingContext). */
export async function runImageJobCollecting(job: ImageJob): Promise<{ frames: CollectedFrame[] }> {
  const { ctx, frames } = collectingContext();
  switch (job.kind) {
    case 'image-load':
      await runImageLoad(job, ctx);
      break;
    case 'image-grid':
      await runImageGrid(job, ctx);
      break;
    case 'image-interp':
      await runImageInterp(job, ctx);
      break;
    case 'image-noise':
      await runImageNoise(job, ctx);
      break;
    case 'image-inpaint':
      await runImageInpaint(job, ctx);
      break;
    case 'image-invert':
      await runImageInvert(job, ctx);
      break;
  }
  return { frames };
}

/** The digits test images (digits-fm ships none and uses these), as stored: 0…255 per pixel. */
export const digitsTestImages: { images: number[][]; labels: number[] } = JSON.parse(
  readFileSync(`${MODELS_DIR}digits/test-images.json`, 'utf8'),
);

/**
 * The samplers an image grid is checked with: all but the inversions and the adaptive ones, which
 * pick their own steps (rk45: 56 evaluations at the loosest tolerance over the first interval),
 * too slow on the CPU backend; e2e/images.spec.ts runs rk45 on wasm.
 */
export const FIXED_STEP_SAMPLERS = SAMPLERS.filter(
  (d) => !d.id.endsWith('-inversion') && !ADAPTIVE_SAMPLERS.has(d.id),
).map((d) => d.id);

type Sampling = Omit<ImageGridJob, 'kind' | 'classChoice' | 'count' | 'quality'>;

/** A one-image, two-step grid with `sampler` at its defaults ends at σ = 0 with finite pixels. */
export async function expectGridReachesZero(sampling: Sampling, sampler: string): Promise<void> {
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
}

/** image-load on `model` gives the 16×16 digits test images, their labels and the classifier. */
export async function expectDigitsLoaded(model: string): Promise<void> {
  const loaded = await runImageLoad({ kind: 'image-load', model }, collectingContext().ctx);
  expect([loaded.count, loaded.height, loaded.width, loaded.classes]).toEqual([
    digitsTestImages.images.length,
    16,
    16,
    10,
  ]);
  expect(loaded.hasClassifier).toBe(true);
  expect([...loaded.labels]).toEqual(digitsTestImages.labels);
}

/**
 * RePaint on test image 2 keeps the left half exactly (float32 of the stored pixel) and, with
 * two resamples, moves forward twice.
 */
export async function expectRepaintKeepsPixels(model: string): Promise<void> {
  const keep = Array.from({ length: 256 }, (_, i) => (i % 16 < 8 ? 1 : 0));
  const { ctx, frames } = collectingContext();
  const result = await runImageInpaint(
    {
      kind: 'image-inpaint',
      model,
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
  const source = digitsTestImages.images[2].map((v) => Math.fround(v / 127.5 - 1));
  keep.forEach((k, i) => k && expect(last.xt[i]).toBe(source[i]));
  expect(frames.filter((f) => f.frame.kind === 'move' && f.frame.forward).length).toBe(2);
}
