import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SCENE } from '../../core/scene/settings';
import { WorkerClient, type WorkerEvents } from './client';
import type { FromWorker, ToWorker } from '../protocol';

/** A stand-in Worker that records messages and lets the test answer as the worker. */
class FakeWorker {
  sent: ToWorker[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(msg: ToWorker) {
    this.sent.push(msg);
  }
  terminate() {
    this.terminated = true;
  }
  say(msg: FromWorker) {
    this.onmessage?.({ data: msg } as MessageEvent<FromWorker>);
  }
}

function setup(hangMs = 10_000) {
  const workers: FakeWorker[] = [];
  const events: WorkerEvents = {
    onProgress: vi.fn(),
    onReady: vi.fn(),
    onRestart: vi.fn(),
    onError: vi.fn(),
    onNotice: vi.fn(),
  };
  const client = new WorkerClient(events, hangMs, 'http://x/models/', () => {
    const w = new FakeWorker();
    workers.push(w);
    return w as unknown as Worker;
  });
  client.start('cpu', 3);
  return { client, events, workers };
}

describe('WorkerClient', () => {
  beforeEach(() =>
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'performance'] }),
  );
  afterEach(() => vi.useRealTimers());

  it('starts the worker with the requested backend and WASM threads', () => {
    const { workers } = setup();
    expect(workers[0].sent[0]).toEqual({
      type: 'init',
      backend: 'cpu',
      threads: 3,
      modelsUrl: 'http://x/models/',
    });
  });

  it('drops frames and results of a superseded run', () => {
    const { client, workers } = setup();
    const first = { onFrame: vi.fn(), onDone: vi.fn(), onError: vi.fn(), onCancelled: vi.fn() };
    const second = { onFrame: vi.fn(), onDone: vi.fn(), onError: vi.fn() };
    const job = { kind: 'scene', settings: DEFAULT_SCENE, model: 'exact', fieldSize: 0 } as const;
    const id1 = client.run(job, first);
    const id2 = client.run(job, second);
    expect(workers[0].sent).toContainEqual({ type: 'cancel', runId: id1 });
    expect(first.onCancelled).toHaveBeenCalledOnce();
    const frame = {
      x: Float32Array.of(1, 2),
      x0: Float32Array.of(0, 0),
      field: new Float32Array(0),
    };
    const result = Float32Array.of(1, 2);
    const kind = 'scene';
    workers[0].say({ type: 'frame', runId: id1, kind, step: 0, total: 1, frame });
    workers[0].say({ type: 'done', runId: id1, kind, result, ms: 1 });
    expect(first.onFrame).not.toHaveBeenCalled();
    expect(first.onDone).not.toHaveBeenCalled();
    workers[0].say({ type: 'frame', runId: id2, kind, step: 0, total: 1, frame });
    workers[0].say({ type: 'done', runId: id2, kind, result, ms: 1 });
    expect(second.onFrame).toHaveBeenCalledWith(0, 1, frame, undefined);
    expect(second.onDone).toHaveBeenCalledWith(result, 1);
  });

  it('terminates and restarts a crashed worker (same backend and threads), failing the current run with the reason', () => {
    const { client, events, workers } = setup();
    const run = { onDone: vi.fn(), onError: vi.fn() };
    client.run({ kind: 'selftest' }, run);
    workers[0].onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(workers[1].sent[0]).toEqual({
      type: 'init',
      backend: 'cpu',
      threads: 3,
      modelsUrl: 'http://x/models/',
    });
    expect(run.onError).toHaveBeenCalledWith(expect.stringMatching(/crashed \(boom\).*restarted/));
    expect(events.onRestart).toHaveBeenCalledOnce();
  });

  it('answers discrete probes by id, and rejects those pending when the worker restarts', async () => {
    const { client, workers } = setup();
    const request = {
      dataset: 'names',
      network: 'mdlm-names',
      xt: new Int32Array(12).fill(27),
      t: 500,
    } as const;
    const first = client.discreteProbe(request);
    const second = client.discreteProbe(request);
    const sent = workers[0].sent.filter((m) => m.type === 'discreteProbe');
    expect(sent.map((m) => m.type === 'discreteProbe' && m.request)).toEqual([request, request]);
    const [a, b] = sent.map((m) => (m.type === 'discreteProbe' ? m.id : -1));
    const probe = { exact: new Float32Array(336), network: new Float32Array(336) };
    workers[0].say({ type: 'discreteProbe', id: b, error: 'no such network' });
    workers[0].say({ type: 'discreteProbe', id: a, probe });
    await expect(first).resolves.toBe(probe);
    await expect(second).rejects.toThrow('no such network');
    const pending = client.discreteProbe(request);
    workers[0].onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
    await expect(pending).rejects.toThrow(/crashed \(boom\)/);
  });

  it('restarts a worker that stops answering pings, but not one that answers', () => {
    const { events, workers } = setup(10_000);
    for (let t = 0; t < 20; t++) {
      vi.advanceTimersByTime(1000);
      const ping = workers[0].sent.findLast((m) => m.type === 'ping');
      if (ping && ping.type === 'ping') workers[0].say({ type: 'pong', id: ping.id });
    }
    expect(events.onRestart).not.toHaveBeenCalled();
    vi.advanceTimersByTime(12_000);
    expect(events.onRestart).toHaveBeenCalledWith(expect.stringMatching(/stopped answering/));
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
  });

  it('runs training beside scene runs: its messages, control and errors go by its own run id', () => {
    const { client, workers } = setup();
    const w = workers[0];
    const handlers = { onMessage: vi.fn(), onError: vi.fn() };
    const job = {} as Parameters<WorkerClient['train']>[0];
    const handle = client.train(job, handlers);
    const scene = { onDone: vi.fn(), onError: vi.fn() };
    const sceneId = client.run({ kind: 'selftest' }, scene);
    expect(w.sent).not.toContainEqual({ type: 'cancel', runId: handle.runId });
    const losses = new Float32Array([1, 2]);
    const loss = {
      type: 'trainLoss',
      runId: handle.runId,
      firstStep: 0,
      losses,
      stepsPerSecond: 9,
    };
    w.say(loss as FromWorker);
    w.say({ ...loss, runId: sceneId } as FromWorker);
    expect(handlers.onMessage).toHaveBeenCalledExactlyOnceWith(loss);
    handle.control({ action: 'pause' });
    expect(w.sent.at(-1)).toEqual({ type: 'trainControl', runId: handle.runId, action: 'pause' });
    w.say({ type: 'error', runId: handle.runId, message: 'bad config' });
    expect(handlers.onError).toHaveBeenCalledWith('bad config');
    expect(scene.onError).not.toHaveBeenCalled();
    const sent = w.sent.length;
    handle.control({ action: 'resume' });
    handle.stop();
    expect(w.sent).toHaveLength(sent);
  });

  it('a new training run stops the previous one; a restart fails training and pending checks', async () => {
    const { client, workers } = setup();
    const job = {} as Parameters<WorkerClient['train']>[0];
    const first = client.train(job, { onMessage: vi.fn(), onError: vi.fn() });
    const second = { onMessage: vi.fn(), onError: vi.fn() };
    client.train(job, second);
    expect(workers[0].sent).toContainEqual({ type: 'cancel', runId: first.runId });
    const files = { modelJson: '{}', weights: {} };
    const ok = client.checkTrained(files);
    const okCheck = workers[0].sent.at(-1) as { requestId: number };
    workers[0].say({ type: 'trainChecked', requestId: okCheck.requestId, summary: 'fine' });
    await expect(ok).resolves.toBe('fine');
    const bad = client.checkTrained(files);
    const badCheck = workers[0].sent.at(-1) as { requestId: number };
    workers[0].say({ type: 'trainChecked', requestId: badCheck.requestId, error: 'no JSON' });
    await expect(bad).rejects.toThrow('no JSON');
    const lost = client.checkTrained(files);
    workers[0].onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
    await expect(lost).rejects.toThrow(/crashed/);
    expect(second.onError).toHaveBeenCalledWith(expect.stringMatching(/restarted/));
  });

  it("re-sends the page's trained model to a restarted worker, after init", () => {
    const { client, workers } = setup();
    const ref = { key: 'trained-1', files: { modelJson: '{}', weights: {} } };
    client.setTrainedModel(ref);
    expect(workers[0].sent.at(-1)).toEqual({ type: 'trainedModel', ref });
    workers[0].onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
    expect(workers[1].sent.map((m) => m.type)).toEqual(['init', 'trainedModel']);
  });

  it('a backend change ends a live training run with a message', () => {
    const { client } = setup();
    const handlers = { onMessage: vi.fn(), onError: vi.fn() };
    client.train({} as Parameters<WorkerClient['train']>[0], handlers);
    client.start('wasm');
    expect(handlers.onError).toHaveBeenCalledWith(expect.stringMatching(/backend change/));
  });

  it('passes on notices of the current run only', () => {
    const { client, events, workers } = setup();
    const id1 = client.run({ kind: 'selftest' }, { onDone: vi.fn(), onError: vi.fn() });
    const id2 = client.run({ kind: 'selftest' }, { onDone: vi.fn(), onError: vi.fn() });
    workers[0].say({ type: 'notice', runId: id1, message: 'old' });
    workers[0].say({ type: 'notice', runId: id2, message: 'model fell back' });
    expect(events.onNotice).toHaveBeenCalledExactlyOnceWith('model fell back');
  });

  it('restarts a worker that reports a fatal fault (a lost GPU device) and says why', () => {
    const { client, events, workers } = setup();
    const run = { onDone: vi.fn(), onError: vi.fn() };
    client.run({ kind: 'selftest' }, run);
    workers[0].say({ type: 'fatal', message: 'the GPU device was lost (destroyed)' });
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(events.onRestart).toHaveBeenCalledWith('the GPU device was lost (destroyed)');
    expect(run.onError).toHaveBeenCalledWith(expect.stringMatching(/device was lost.*restarted/));
  });

  it('answers debug hooks by id, and fails the pending ones when the worker restarts', async () => {
    const { client, workers } = setup();
    const memory = client.debug({ action: 'memory' });
    const pending = client.debug({ action: 'memory' });
    const [m1, m2] = workers[0].sent.filter((m) => m.type === 'debug');
    expect(m1).toMatchObject({ request: { action: 'memory' } });
    if (m1.type !== 'debug' || m2.type !== 'debug') throw new Error('no debug messages sent');
    workers[0].say({
      type: 'debug',
      id: m1.id,
      result: { memory: { numTensors: 3, numBytes: 12 } },
    });
    await expect(memory).resolves.toEqual({ memory: { numTensors: 3, numBytes: 12 } });
    workers[0].onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
    await expect(pending).rejects.toThrow(/crashed \(boom\)/);
    const failing = client.debug({ action: 'lose-device' });
    const m3 = workers[1].sent.find((m) => m.type === 'debug');
    if (m3?.type !== 'debug') throw new Error('no debug message sent');
    workers[1].say({ type: 'debug', id: m3.id, error: 'not webgpu' });
    await expect(failing).rejects.toThrow('not webgpu');
  });
  it('carries the kept probe records in init; passes records, backend updates and the run’s backend on', () => {
    const kept = { 'diffusion-playground:backend-probe:v1:0.1.0:GPU': '{"format":1}' };
    const events: WorkerEvents = {
      onProgress: vi.fn(),
      onReady: vi.fn(),
      onRestart: vi.fn(),
      onError: vi.fn(),
      onBackend: vi.fn(),
      onJobBackend: vi.fn(),
      probeCache: () => kept,
      onProbeRecord: vi.fn(),
    };
    const workers: FakeWorker[] = [];
    const client = new WorkerClient(events, 10_000, '', () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    });
    client.start('auto');
    expect(workers[0].sent[0]).toMatchObject({ type: 'init', probeCache: kept });
    workers[0].say({ type: 'backend-probe', key: 'k', value: 'v' });
    expect(events.onProbeRecord).toHaveBeenCalledWith('k', 'v');
    const info = { id: 'wasm', adapter: 'SIMD', software: true, requested: 'auto' } as const;
    workers[0].say({ type: 'backend', backend: info });
    expect(events.onBackend).toHaveBeenCalledWith(info);
    const runId = client.run({ kind: 'selftest' }, { onDone: vi.fn(), onError: vi.fn() });
    workers[0].say({ type: 'job-backend', runId: runId - 1, id: 'webgpu', reason: 'stale' });
    workers[0].say({ type: 'job-backend', runId, id: 'webgpu', reason: 'faster at this size' });
    expect(events.onJobBackend).toHaveBeenCalledTimes(1);
    expect(events.onJobBackend).toHaveBeenCalledWith({
      runId,
      id: 'webgpu',
      reason: 'faster at this size',
    });
    // A job sent to WASM carries its thread count on to the page.
    workers[0].say({ type: 'job-backend', runId, id: 'wasm', reason: 'small batch', threads: 3 });
    expect(events.onJobBackend).toHaveBeenLastCalledWith({
      runId,
      id: 'wasm',
      reason: 'small batch',
      threads: 3,
    });
    client.dispose();
  });
});
