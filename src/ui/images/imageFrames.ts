import { FrameBuffer, type Frame } from '../../state/frames';
import type { ImageFrame, StepImages } from '../../worker/protocol';

/** Frames of the image view's runs, kept for scrubbing and export. */
export const gridFrames = new FrameBuffer<ImageFrame>();
export const rowFrames = new FrameBuffer<ImageFrame>();
export const inversionFrames = new FrameBuffer<ImageFrame>();

/** The images of a step-like frame (grid, row, inversion and RePaint frames). */
export function frameImages(frame: Frame<ImageFrame> | undefined): StepImages | null {
  if (!frame) return null;
  const f = frame.data;
  return f.kind === 'step' || f.kind === 'move' || f.kind === 'phase' ? f : null;
}

/** σ in a few characters for captions. */
export function shortSigma(sigma: number): string {
  if (sigma === 0) return '0';
  return sigma >= 10 ? sigma.toFixed(0) : sigma.toPrecision(2);
}
