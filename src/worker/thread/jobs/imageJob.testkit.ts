/** Test-only helpers (Node): the image jobs run on the shipped models read from disk. */
import { existsSync, readFileSync } from 'node:fs';
import { MODELS_DIR } from '../../../models/shippedModels.testkit';
import { decodeImageFrame, type ImageFrame, type ImageJob } from '../../protocol/image';
import type { FrameInfo } from '../../protocol';
import { runImageJob } from './images';

/** Serves public/models/ from disk, as the app's origin would (stub it as the global fetch). */
export async function fileFetch(url: string | URL | Request): Promise<Response> {
  const path = String(url);
  return existsSync(path) ? new Response(readFileSync(path)) : new Response(null, { status: 404 });
}

/** Runs one image job to its end, keeping every decoded frame it emits. */
export async function runImageJobCollecting(job: ImageJob) {
  const frames: { step: number; frame: ImageFrame; info?: FrameInfo }[] = [];
  const result = await runImageJob(job, {
    runId: 1,
    modelsUrl: MODELS_DIR,
    isCancelled: () => false,
    emit: (step, _total, data, info) => frames.push({ step, frame: decodeImageFrame(data), info }),
    progress: () => {},
  });
  return { frames, result };
}
