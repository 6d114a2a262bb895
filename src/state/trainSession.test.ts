import { describe, expect, it, vi } from 'vitest';
import type { TrainHandle } from '../worker/client/client';
import type { TrainSnapshotInfo } from '../worker/protocol';
import { learnedSchedule } from './learnedSchedule';
import { TrainSession } from './trainSession';

const spec = {
  particles: 0,
  sampleSteps: 1,
  fieldSize: 0,
  fieldTime: 0,
  densitySize: 0,
  errorTimes: 2,
  mapSize: 0,
  mapTime: 0,
};
const snapshot = (step: number, errors: number[]) => ({
  type: 'trainSnapshot' as const,
  runId: 1,
  info: { step, spec, errorTimes: [1, 2] } as unknown as TrainSnapshotInfo,
  parts: {
    samples: new Float32Array(0),
    field: new Float32Array(0),
    density: new Float32Array(0),
    error: Float32Array.from(errors),
    map: new Float32Array(0),
  },
});
const loss = (firstStep: number, n: number, stepsPerSecond: number) => ({
  type: 'trainLoss' as const,
  runId: 1,
  firstStep,
  losses: new Float32Array(n).fill(1),
  stepsPerSecond,
});

describe('TrainSession', () => {
  it('a VDM run keeps its variances beside the losses and hands its learned schedule to the inspector', () => {
    const s = new TrainSession();
    s.begin('x');
    s.receive({ ...loss(0, 4, 100), variances: Float32Array.of(9, 8, 7, 6) });
    expect(s.variances.length).toBe(4);
    const vdm = { t: [0, 0.5, 1], gamma: [-13, -2, 5] };
    const snap = snapshot(4, []);
    s.receive({ ...snap, info: { ...snap.info, vdm } as unknown as TrainSnapshotInfo });
    expect(learnedSchedule.current).toEqual({ ...vdm, label: 'step 4' });
    s.begin('y');
    expect(s.variances.length).toBe(0);
  });

  it('steps per second over the latest chunks is total steps over total time, not a mean of rates', () => {
    const s = new TrainSession();
    s.begin('x');
    s.receive(loss(0, 10, 100)); // 0.1 s
    s.receive(loss(10, 30, 10)); // 3 s
    expect(s.stepsPerSecond).toBeCloseTo(40 / 3.1, 10);
    expect(s.step).toBe(40);
  });

  it('measures against the step-0 snapshot, keeps the latest error curves, and a reset starts over', () => {
    const s = new TrainSession();
    s.begin('x');
    s.receive(snapshot(0, [8, 4]));
    for (const step of [100, 200, 300, 400, 500]) s.receive(snapshot(step, [2, step / 100]));
    expect(s.initial?.meanError).toBe(6);
    expect(s.snapshot?.meanError).toBe(3.5);
    expect(s.history.map((h) => h.info.step)).toEqual([200, 300, 400, 500]);
    s.receive(loss(0, 500, 100));
    s.receive({ type: 'trainState', runId: 1, state: 'paused', step: 0 });
    s.receive(snapshot(0, [8, 4]));
    expect(s.losses.length).toBe(0);
    expect(s.history).toEqual([]);
    expect(s.state).toBe('paused');
  });

  it("replies 'shown' to the worker once every draw a message scheduled is made", async () => {
    vi.useFakeTimers();
    try {
      const s = new TrainSession();
      s.begin('x');
      const sent: string[] = [];
      const handle: TrainHandle = { runId: 1, control: (a) => void sent.push(a.action), stop() {} };
      s.handle = handle;
      const draws: (() => void)[] = [];
      const unsubscribe = s.subscribe(() => {
        draws.push(s.willDraw(), s.willDraw());
      });
      s.receive(loss(0, 4, 100));
      await vi.runAllTimersAsync();
      expect(sent).toEqual([]);
      draws[0]();
      draws[0]();
      await vi.runAllTimersAsync();
      expect(sent).toEqual([]);
      draws[1]();
      expect(sent).toEqual([]);
      await vi.runAllTimersAsync();
      expect(sent).toEqual(['shown']);

      unsubscribe();
      s.receive(snapshot(4, [1, 2]));
      await vi.runAllTimersAsync();
      expect(sent).toEqual(['shown', 'shown']);
      s.receive({ type: 'trainState', runId: 1, state: 'paused', step: 4 });
      await vi.runAllTimersAsync();
      expect(sent).toEqual(['shown', 'shown']);
    } finally {
      vi.useRealTimers();
    }
  });

  it("holds 'shown' for a rate-limited loss chunk until its redraw is made", async () => {
    vi.useFakeTimers();
    try {
      const s = new TrainSession();
      s.begin('x');
      const sent: string[] = [];
      const handle: TrainHandle = { runId: 1, control: (a) => void sent.push(a.action), stop() {} };
      s.handle = handle;
      const draws: (() => void)[] = [];
      s.subscribe(() => void draws.push(s.willDraw()));
      s.receive(snapshot(0, [1, 2]));
      s.receive(loss(0, 4, 100));
      expect(draws).toHaveLength(1);
      draws[0]();
      await vi.advanceTimersByTimeAsync(0);
      expect(sent).toEqual([]);
      await vi.advanceTimersByTimeAsync(200);
      expect(draws).toHaveLength(2);
      expect(sent).toEqual([]);
      draws[1]();
      await vi.advanceTimersByTimeAsync(0);
      expect(sent).toEqual(['shown']);
    } finally {
      vi.useRealTimers();
    }
  });
});
