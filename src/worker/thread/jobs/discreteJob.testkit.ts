/** Test-only helpers (Node): the discrete jobs on the shipped models and data read from disk. */
import { existsSync, readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, vi } from 'vitest';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { namesFromJson } from '../../../core/discrete/data/names';
import { MODELS_DIR, requireShippedModels } from '../../../models/shippedModels.testkit';
import type { JobContext } from './context';

export const MODELS_URL = pathToFileURL(MODELS_DIR).href;

export const NAMES = namesFromJson(
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL('../../../../public/data/names.json', import.meta.url)),
      'utf8',
    ),
  ),
);

/** The app's origin as the worker sees it: public/models and public/data read from disk. */
export async function fileFetch(url: string | URL): Promise<Response> {
  const path = fileURLToPath(String(url));
  return existsSync(path) ? new Response(readFileSync(path)) : new Response(null, { status: 404 });
}

/** A job context that keeps every frame, cancelled once it has `cancelAfter` of them. */
export function context<F>(cancelAfter = Infinity) {
  const frames: F[] = [];
  const ctx: JobContext<F> = {
    runId: 1,
    modelsUrl: MODELS_URL,
    isCancelled: () => frames.length >= cancelAfter,
    emit: (_step, _total, frame) => frames.push(frame),
    progress: () => {},
  };
  return { ctx, frames };
}

/** The suite's setup: tfjs on the CPU, the shipped discrete models checked, fetch served from disk. */
export function onShippedDiscreteModels(): void {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    requireShippedModels(['mdlm-names', 'mdlm-digits', 'ar-names']);
    vi.stubGlobal('fetch', fileFetch);
  });
  afterAll(() => vi.unstubAllGlobals());
}
