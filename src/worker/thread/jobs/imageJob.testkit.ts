/** Test-only helpers (Node): the image jobs run on the shipped models read from disk. */
import { existsSync, readFileSync } from 'node:fs';
import { MODELS_DIR } from '../../../models/shippedModels.testkit';
import type { FrameInfo, ImageFrame, ImageJob } from '../../protocol';
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
