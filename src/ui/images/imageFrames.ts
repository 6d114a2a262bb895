import { FrameBuffer } from '../../state/frames';
import { decodeImageFrame, type StepImages } from '../../worker/protocol/image';
import type { Frame } from '../../state/frames';

/** Frames of the image view's runs (encoded image frames, see worker/imageJobs.ts), kept for scrubbing and export. */
export const gridFrames = new FrameBuffer();
export const rowFrames = new FrameBuffer();
export const inversionFrames = new FrameBuffer();

/** The images of a step-like frame (grid, row, inversion and RePaint frames). */
export function frameImages(frame: Frame | undefined): StepImages | null {
  if (!frame) return null;
  const f = decodeImageFrame(frame.data);
  return f.kind === 'step' || f.kind === 'move' || f.kind === 'phase' ? f : null;
}

/** σ in a few characters for captions. */
export function shortSigma(sigma: number): string {
  if (sigma === 0) return '0';
  return sigma >= 10 ? sigma.toFixed(0) : sigma.toPrecision(2);
}
