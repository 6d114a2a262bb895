import { FrameBuffer } from '../../state/frames';

/** The frame buffers of the playground's runs: the main run and the comparison run. */
export const mainFrames = new FrameBuffer();
export const compareFrames = new FrameBuffer();

/** Cells per axis of the score-field grid the worker evaluates each frame. */
export const FIELD_SIZE = 21;
