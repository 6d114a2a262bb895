import { FrameBuffer, type Frame } from '../../state/frames';
import type { ImageFrame, LatentFrame } from '../../worker/protocol';

export type LatentData = Extract<LatentFrame, { kind: 'data' }>;
export type LatentMap = Extract<LatentFrame, { kind: 'map' }>;

/** A step's particles (n × dim latents) and their x̂₀, as the plane draws them. */
export interface LatentStep {
  x: Float32Array;
  x0: Float32Array;
}

/**
 * The current latent run's step frames outside React (per-step arrays never enter the store):
 * each step's latents in `steps` and its decoded images in `images` (the image view's frame
 * type, so its grid and filmstrip draw them).
 */
export class LatentFrames {
  readonly steps = new FrameBuffer<LatentStep>();
  readonly images = new FrameBuffer<ImageFrame>();

  reset(total: number, particles: number, key: string): void {
    this.images.reset(total, particles, key);
    this.steps.reset(total, particles, key);
  }

  push(step: number, info: Frame['info'], frame: Extract<LatentFrame, { kind: 'step' }>): void {
    this.images.push({ step, info, data: { kind: 'step', ...frame.images } });
    this.steps.push({ step, info, data: { x: frame.x, x0: frame.x0 } });
  }
}
