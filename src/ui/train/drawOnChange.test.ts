import { afterEach, describe, expect, it, vi } from 'vitest';
import { trainSession } from '../../state/trainSession';
import type { TrainAction } from '../../worker/protocol';
import { drawOnChange } from './drawOnChange';

/** Animation frames run by hand: `frame()` runs the callbacks queued for the next frame. */
function fakeFrames(hidden = false) {
  let queue: FrameRequestCallback[] = [];
  vi.stubGlobal('document', { hidden });
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => queue.push(cb));
  vi.stubGlobal('cancelAnimationFrame', () => {});
  return {
    frame() {
      const run = queue;
      queue = [];
      for (const cb of run) cb(0);
    },
  };
}

const snapshot = (step: number) => ({
  type: 'trainSnapshot' as const,
  runId: 1,
  info: {
    step,
    spec: {
      particles: 0,
      sampleSteps: 1,
      fieldSize: 0,
      fieldTime: 0,
      densitySize: 0,
      errorTimes: 1,
      mapSize: 0,
      mapTime: 0,
    },
    errorTimes: [1],
  } as never,
  parts: {
    samples: new Float32Array(0),
    field: new Float32Array(0),
    density: new Float32Array(0),
    error: Float32Array.of(1),
    map: new Float32Array(0),
  },
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  trainSession.handle = null;
});

describe('drawOnChange', () => {
  it("holds the worker's 'shown' until every view has drawn the change, delayed ones included", async () => {
    vi.useFakeTimers();
    const frames = fakeFrames();
    const sent: TrainAction['action'][] = [];
    trainSession.begin('x');
    trainSession.handle = { runId: 1, control: (a) => void sent.push(a.action), stop() {} };
    const drawn: string[] = [];
    const stops = [
      drawOnChange(
        (s) => s.snapshot,
        () => drawn.push('now'),
      ),
      drawOnChange(
        (s) => s.snapshot,
        () => drawn.push('later'),
        2,
      ),
    ];
    drawn.length = 0;
    trainSession.receive(snapshot(10));
    await vi.runAllTimersAsync();
    frames.frame();
    await vi.runAllTimersAsync();
    expect(drawn).toEqual(['now']);
    expect(sent).toEqual([]);
    frames.frame();
    frames.frame();
    expect(drawn).toEqual(['now', 'later']);
    await vi.runAllTimersAsync();
    expect(sent).toEqual(['shown']);
    for (const stop of stops) stop();
  });

  it('a hidden page, which has no frames, does not hold the reply', async () => {
    vi.useFakeTimers();
    fakeFrames(true);
    const sent: TrainAction['action'][] = [];
    trainSession.begin('x');
    trainSession.handle = { runId: 1, control: (a) => void sent.push(a.action), stop() {} };
    const stop = drawOnChange(
      (s) => s.snapshot,
      () => {},
    );
    trainSession.receive(snapshot(20));
    await vi.runAllTimersAsync();
    expect(sent).toEqual(['shown']);
    stop();
  });
});
