import { useMemo, useState } from 'react';
import type { LoadedImages } from '../../worker/protocol';
import { useImageRun } from './useImageRun';

export type ImageModelState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; images: LoadedImages };

/** Loads an image model in the worker (with its classifier and test images) and returns the test images. */
export function useImageModel(model: string): ImageModelState {
  const [loaded, setLoaded] = useState<{ model: string; images: LoadedImages } | null>(null);
  const job = useMemo(() => ({ kind: 'image-load' as const, model }), [model]);
  const run = useImageRun(job, {
    onDone: (images) => setLoaded({ model, images }),
  });
  if (run.state === 'error')
    return { status: 'error', message: run.error ?? 'the model could not be loaded' };
  if (run.state === 'done' && loaded?.model === model)
    return { status: 'ready', images: loaded.images };
  return { status: 'loading' };
}
