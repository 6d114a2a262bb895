import { FrameBuffer } from '../../state/frames';
import type { ForwardFrame } from '../../worker/protocol';

/** The frame buffers of the playground's runs: the main run, the comparison run, the forward view. */
export const mainFrames = new FrameBuffer();
export const compareFrames = new FrameBuffer();
/** The forward view's single frame (x_t and the log p_t grid), kept for export. */
export const forwardFrames = new FrameBuffer<ForwardFrame>();

/** Cells per axis of the score-field grid the worker evaluates each frame. */
export const FIELD_SIZE = 21;
