import { pageCores, streamNoticeMs } from '../../state/drawBudget';
import { FrameBuffer } from '../../state/frames';
import { useStore } from '../../state/store';
import type { ForwardFrame } from '../../worker/protocol';

/** While a run saturates the cores, its frames are announced as often as playback ticks. */
const noticeMs = () => streamNoticeMs(useStore.getState(), pageCores());

/** The frame buffers of the playground's runs: the main run, the comparison run, the forward view. */
export const mainFrames = new FrameBuffer(noticeMs);
export const compareFrames = new FrameBuffer(noticeMs);
/** The forward view's single frame (x_t and the log p_t grid), kept for export. */
export const forwardFrames = new FrameBuffer<ForwardFrame>();

/** Cells per axis of the score-field grid the worker evaluates each frame. */
export const FIELD_SIZE = 21;
