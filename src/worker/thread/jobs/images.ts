import type { ImageJob } from '../../protocol/image';
import type { JobContext } from './context';
import { runImageInvert } from './imagesInvert';
import { runImageInpaint } from './imagesRepaint';
import { runImageGrid, runImageInterp } from './imagesSample';
import { runImageLoad, runImageNoise } from './imagesTools';

/** Dispatches the image playground's jobs (layouts in worker/imageJobs.ts). */
export function runImageJob(job: ImageJob, ctx: JobContext): Promise<Float32Array> {
  switch (job.kind) {
    case 'image-load':
      return runImageLoad(job, ctx);
    case 'image-grid':
      return runImageGrid(job, ctx);
    case 'image-interp':
      return runImageInterp(job, ctx);
    case 'image-noise':
      return runImageNoise(job, ctx);
    case 'image-inpaint':
      return runImageInpaint(job, ctx);
    case 'image-invert':
      return runImageInvert(job, ctx);
  }
}
