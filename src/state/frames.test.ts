import { describe, expect, it, vi } from 'vitest';
import { FrameBuffer } from './frames';

const frame = (step: number, key: string) => ({
  step,
  key,
  data: { x: new Float32Array(2), x0: new Float32Array(2), field: new Float32Array(0) },
  info: { sigma: 1, t: 1, scale: 1, nfe: step, ms: 0, extent: 3.5, lane: 0 },
});

describe('FrameBuffer', () => {
  it('tells its listeners once per display frame however many frames arrive', async () => {
    const frames = new FrameBuffer();
    const heard = vi.fn(() => frames.count);
    frames.subscribe(heard);
    frames.reset(1000, 1, 'run-1');
    for (let s = 0; s <= 1000; s++) frames.push(frame(s, 'run-1'));
    expect(heard).not.toHaveBeenCalled();
    await new Promise((r) => setTimeout(r, 0));
    expect(heard).toHaveBeenCalledOnce();
    expect(heard).toHaveReturnedWith(1001);
    frames.reset(10, 1, 'run-2');
    await new Promise((r) => setTimeout(r, 0));
    expect(heard).toHaveBeenCalledTimes(2);
    expect(frames.count).toBe(0);
    expect(frames.key).toBe('run-2');
  });
});
