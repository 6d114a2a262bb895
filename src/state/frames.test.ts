import { describe, expect, it, vi } from 'vitest';
import { FrameBuffer, STREAM_NOTIFY_MS } from './frames';

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

  /**
   * On fake timers: a buffer of a `total`-step run and its listener, past the reset's notice;
   * `stream(from, to)` pushes those frames one every 5 ms, as a fast run streams them, and
   * returns how many notices they brought.
   */
  async function streaming(
    total: number,
    body: (
      frames: FrameBuffer,
      heard: ReturnType<typeof vi.fn<() => number>>,
      stream: (from: number, to: number) => Promise<number>,
    ) => Promise<void>,
    noticeMs?: () => number,
  ) {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const frames = new FrameBuffer(noticeMs);
      const heard = vi.fn(() => frames.count);
      frames.subscribe(heard);
      frames.reset(total, 1, 'run');
      await vi.advanceTimersByTimeAsync(1);
      const stream = async (from: number, to: number) => {
        heard.mockClear();
        for (let s = from; s < to; s++) {
          frames.push(frame(s, 'run'));
          await vi.advanceTimersByTimeAsync(5);
        }
        return heard.mock.calls.length;
      };
      await body(frames, heard, stream);
    } finally {
      vi.useRealTimers();
    }
  }

  it('tells of streamed frames at most every STREAM_NOTIFY_MS, and of the last frame at once', () =>
    streaming(100, async (frames, heard, stream) => {
      // 50 frames over 250 ms.
      const notices = await stream(0, 50);
      expect(notices).toBeGreaterThanOrEqual(2);
      expect(notices).toBeLessThanOrEqual(Math.ceil(250 / STREAM_NOTIFY_MS) + 1);
      heard.mockClear();
      for (let s = 50; s <= 100; s++) frames.push(frame(s, 'run'));
      await vi.advanceTimersByTimeAsync(1);
      expect(heard).toHaveBeenCalledOnce();
      expect(heard).toHaveReturnedWith(101);
    }));

  it('spaces its notices by the interval it is given, read at each frame', () => {
    let interval = 250;
    return streaming(
      1000,
      async (_frames, _heard, stream) => {
        // 200 frames over 1 s: at most one notice per 250 ms.
        const slow = await stream(0, 200);
        expect(slow).toBeGreaterThanOrEqual(3);
        expect(slow).toBeLessThanOrEqual(5);
        // The interval drops back (the run no longer takes every core): notices come faster.
        interval = STREAM_NOTIFY_MS;
        const fast = await stream(200, 400);
        expect(fast).toBeGreaterThanOrEqual(8);
        expect(fast).toBeLessThanOrEqual(11);
      },
      () => interval,
    );
  });
});

describe('FrameBuffer fields asked for as frames are drawn', () => {
  /** An ask whose answers the test releases one by one, in order. */
  function pendingAsk() {
    const asked: number[] = [];
    const answers: ((f: Float32Array) => void)[] = [];
    const failures: ((e: Error) => void)[] = [];
    const ask = (step: number) =>
      new Promise<Float32Array>((resolve, reject) => {
        asked.push(step);
        answers.push(resolve);
        failures.push(reject);
      });
    return { ask, asked, answers, failures };
  }
  /** Lets answers land and the buffer's once-per-display-frame notice fire. */
  const settle = async () => {
    for (let i = 0; i < 2; i++) await new Promise((r) => setTimeout(r, 0));
  };
  const fieldOf = (step: number) => Float32Array.of(step, step);

  it('returns a streamed field without asking', () => {
    const frames = new FrameBuffer();
    const { ask, asked } = pendingAsk();
    frames.reset(4, 1, 'k');
    frames.askFieldsOf(ask);
    const streamed = { ...frame(1, 'k'), data: { ...frame(1, 'k').data, field: fieldOf(7) } };
    expect(frames.field(streamed)).toEqual(fieldOf(7));
    expect(asked).toEqual([]);
  });

  it('asks once for a drawn frame, then draws the answer and tells the listeners', async () => {
    const frames = new FrameBuffer();
    const heard = vi.fn();
    frames.subscribe(heard);
    const { ask, asked, answers } = pendingAsk();
    frames.reset(4, 1, 'k');
    frames.askFieldsOf(ask);
    await settle();
    heard.mockClear();
    expect(frames.field(frame(2, 'k'))).toBeNull();
    expect(frames.field(frame(2, 'k'))).toBeNull();
    expect(asked).toEqual([2]);
    answers[0](fieldOf(2));
    await settle();
    expect(heard).toHaveBeenCalledOnce();
    expect(frames.field(frame(2, 'k'))).toEqual(fieldOf(2));
    expect(asked).toEqual([2]);
  });

  it('while one field is computed, only the latest frame drawn is asked for next', async () => {
    const frames = new FrameBuffer();
    const { ask, asked, answers } = pendingAsk();
    frames.reset(10, 1, 'k');
    frames.askFieldsOf(ask);
    frames.field(frame(1, 'k'));
    frames.field(frame(2, 'k'));
    frames.field(frame(3, 'k'));
    expect(asked).toEqual([1]);
    answers[0](fieldOf(1));
    await settle();
    expect(asked).toEqual([1, 3]);
    // Until step 3's field comes, the last field that came stands in.
    expect(frames.field(frame(3, 'k'))).toEqual(fieldOf(1));
  });

  it('drops an answer for an earlier run, and a run the worker no longer holds has none', async () => {
    const frames = new FrameBuffer();
    const first = pendingAsk();
    frames.reset(4, 1, 'a');
    frames.askFieldsOf(first.ask);
    frames.field(frame(1, 'a'));
    frames.reset(4, 1, 'b');
    const second = pendingAsk();
    frames.askFieldsOf(second.ask);
    first.answers[0](fieldOf(99));
    await settle();
    expect(frames.field(frame(1, 'b'))).toBeNull();
    expect(second.asked).toEqual([1]);
    second.failures[0](new Error('run 1 is no longer the current scene'));
    await settle();
    expect(frames.field(frame(1, 'b'))).toBeNull();
  });

  it('fieldReady settles once the step can be drawn with its own field', async () => {
    const frames = new FrameBuffer();
    const { ask, answers } = pendingAsk();
    frames.reset(4, 1, 'k');
    frames.askFieldsOf(ask);
    const ready = frames.fieldReady(3);
    answers[0](fieldOf(3));
    await ready;
    expect(frames.field(frame(3, 'k'))).toEqual(fieldOf(3));
  });
});
