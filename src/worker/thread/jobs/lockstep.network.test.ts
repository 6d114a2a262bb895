import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { meanDistance } from '../../../core/lab/sweep';
import { DEFAULT_SCENE } from '../../../core/scene/settings';
import { faultyModelFiles } from '../../../models/faultyModelFiles';
import { MODELS_DIR } from '../../../models/shippedModels.testkit';
import type { FrameInfo, LockstepJob, LockstepResult, SceneFrame } from '../../protocol';
import type { JobContext } from './context';
import { runLockstep } from './lockstep';

/** The shipped model files as the worker's fetch sees them, fm-gaussians8's weights made NaN. */
async function serveModels() {
  const read = async (path: string) => new Uint8Array(readFileSync(MODELS_DIR + path));
  const overrides = await faultyModelFiles('nan-weights', 'fm-gaussians8', read);
  vi.stubGlobal('fetch', async (url: string) => {
    const path = url.replace(/^\/models\//, '');
    const bytes = overrides.get(path) ?? (await read(path));
    return {
      ok: true,
      status: 200,
      json: async () => JSON.parse(new TextDecoder().decode(bytes)),
      arrayBuffer: async () =>
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      body: null,
    };
  });
}

function harness() {
  const frames: { step: number; data: SceneFrame; info: FrameInfo }[] = [];
  const notices: string[] = [];
  const ctx: JobContext<SceneFrame> = {
    runId: 1,
    modelsUrl: '/models/',
    isCancelled: () => false,
    emit: (step, _total, data, info) => frames.push({ step, data, info: info! }),
    progress: () => {},
    notice: (m) => notices.push(m),
  };
  return { ctx, frames, notices };
}

/** A finished run's result (null only when cancelled). */
function finished(r: LockstepResult | null): LockstepResult {
  if (!r) throw new Error('the lockstep run was cancelled');
  return r;
}

const n = 200;
const job = (model: LockstepJob['model']): LockstepJob => ({
  kind: 'lockstep',
  settings: { ...DEFAULT_SCENE, dataset: 'gaussians8', process: 'edm', particles: n },
  model,
  lanes: [
    { id: 'euler', params: {} },
    { id: 'heun', params: {} },
  ],
  budget: 24,
  fieldSize: 0,
  tolerance: 1e-8,
  referenceParticles: n,
});

async function run(model: LockstepJob['model']) {
  const h = harness();
  const result = finished(await runLockstep(job(model), h.ctx));
  const last = (lane: number) =>
    Float64Array.from(h.frames.filter((f) => f.info.lane === lane).at(-1)!.data.x);
  return { result, last, frames: h.frames, notices: h.notices };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await serveModels();
});
afterAll(() => vi.unstubAllGlobals());

describe('lockstep on a network: panels on the model, reference on the exact denoiser', () => {
  it('the shipped mlp moves the endpoints a little; the reference is the exact one; no tensor leaks', async () => {
    const exact = await run('exact');
    await run('mlp'); // loads and caches the weights, so the count below sees the run only
    const before = tf.memory().numTensors;
    const mlp = await run('mlp');
    expect(tf.memory().numTensors).toBe(before);
    expect(exact.result.model).toBe('exact');
    expect(mlp.result.model).toBe('mlp');
    expect(mlp.notices).toEqual([]);
    // Same x_T, same reference: only the panels' denoiser changed.
    expect(mlp.frames[0].data.x).toEqual(exact.frames[0].data.x);
    expect(mlp.result.reference).toEqual(exact.result.reference);
    expect(mlp.result.sigmaStart).toBe(exact.result.sigmaStart);
    expect(mlp.result.referenceNfe).toBe(exact.result.referenceNfe);
    for (const lane of [0, 1]) {
      // The network's endpoints differ from the exact model's by a small, nonzero amount
      // (data have unit variance per coordinate)...
      const gap = meanDistance(mlp.last(lane), exact.last(lane));
      expect(gap).toBeGreaterThan(1e-3);
      expect(gap).toBeLessThan(0.3);
      // ...and the errors are measured against the same point set: by the triangle inequality
      // the two lanes' mean errors differ by at most their mean distance to each other.
      const e = [mlp, exact].map((r) => r.result.lanes[lane].endpointError!);
      expect(Math.abs(e[0] - e[1])).toBeLessThanOrEqual(gap * (1 + 1e-4) + 1e-6);
    }
    console.log(
      `lockstep gaussians8 edm 24 NFE, endpoint error exact → mlp: euler ${exact.result.lanes[0].endpointError!.toExponential(2)} → ${mlp.result.lanes[0].endpointError!.toExponential(2)}, heun ${exact.result.lanes[1].endpointError!.toExponential(2)} → ${mlp.result.lanes[1].endpointError!.toExponential(2)}`,
    );
  });

  it('no network trained in the page: a notice, and the panels run on the exact model', async () => {
    const exact = await run('exact');
    const trained = await run('trained');
    expect(trained.notices).toHaveLength(1);
    expect(trained.notices[0]).toMatch(/no trained model in this page yet.*exact model instead/);
    expect(trained.result).toEqual(exact.result);
  });

  it('weights that load but diverge: a notice naming the step, and exact panels', async () => {
    const exact = await run('exact');
    await run('fm'); // loads and caches the weights
    const before = tf.memory().numTensors;
    const fm = await run('fm');
    expect(tf.memory().numTensors).toBe(before);
    expect(fm.notices).toHaveLength(1);
    expect(fm.notices[0]).toMatch(/became NaN or infinite.*exact model instead/);
    expect(fm.result).toEqual(exact.result);
  });
});
