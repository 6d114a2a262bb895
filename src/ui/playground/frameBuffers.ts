import { FrameBuffer } from '../../state/frames';

/** The frame buffers of the playground's runs: the main run, the comparison run, the forward view. */
export const mainFrames = new FrameBuffer();
export const compareFrames = new FrameBuffer();
/** The forward view's single frame ([x_t (2n) | log p_t grid]), kept for export. */
export const forwardFrames = new FrameBuffer();

/** Cells per axis of the score-field grid the worker evaluates each frame. */
export const FIELD_SIZE = 21;
