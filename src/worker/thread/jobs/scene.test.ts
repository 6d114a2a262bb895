import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SCENE, type SceneSettings } from '../../../core/scene/settings';
import { faultyModelFiles, type FileOverrides } from '../../../models/faultyModelFiles';
import type { SceneFrame, SceneJob } from '../../protocol';
import type { JobContext } from './context';

const MODELS = new URL('../../../../public/models/', import.meta.url);
const read = async (path: string) => new Uint8Array(await readFile(new URL(path, MODELS)));

/** public/models/ over HTTP, as the worker fetches it, with per-test replacements. */
let overrides: FileOverrides = new Map();
let server: Server;
let modelsUrl = '';

beforeAll(async () => {
  await tf.setBackend('cpu');
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
    const served = overrides.has(path) ? Promise.resolve(overrides.get(path)) : read(path);
    served.then(
      (body) => (body ? res.end(body) : res.writeHead(404).end()),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  modelsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// Fresh model caches (manifest and loaded networks) for every test.
let runScene: typeof import('./scene').runScene;
let backendsReadInPlace: Set<string>;
beforeEach(async () => {
  overrides = new Map();
  vi.resetModules();
  ({ runScene } = await import('./scene'));
  ({ backendsReadInPlace } = await import('./hosts'));
}, 60_000);

/** Runs `fn` with the CPU backend treated as a device (the tensor host a GPU run uses). */
async function onDevicePath<V>(fn: () => Promise<V>): Promise<V> {
  backendsReadInPlace.delete('cpu');
  try {
    return await fn();
  } finally {
    backendsReadInPlace.add('cpu');
  }
}

function sceneJob(settings: Partial<SceneSettings>, model: SceneJob['model'] = 'mlp'): SceneJob {
  const s = { ...DEFAULT_SCENE, dataset: 'moons', particles: 50, steps: 4, ...settings };
  return { kind: 'scene', settings: s, model, fieldSize: 3 };
}

/** A context that counts frames, collects notices and cancels after `cancelAfter` frames. */
function context(cancelAfter = Infinity) {
  const notices: string[] = [];
  let frames = 0;
  const ctx: JobContext<SceneFrame> = {
    runId: 1,
    modelsUrl,
    isCancelled: () => frames >= cancelAfter,
    emit: () => frames++,
    progress: () => {},
    notice: (m) => notices.push(m),
  };
  return { ctx, notices, frames: () => frames };
}

describe('runScene on a network', () => {
  it('runs in float64 where reads are in place, agreeing with the device path to float32 precision', async () => {
    for (const sampler of ['ddpm', 'dpmpp-2m', 'heun']) {
      const job = sceneJob({ sampler, steps: 8, particles: 100 });
      const frames: Float32Array[][] = [[], []];
      const run = (k: number) => {
        const c = context();
        return runScene(job, { ...c.ctx, emit: (_s, _t, f) => frames[k].push(f.x) });
      };
      const inPlace = await run(0);
      const onDevice = await onDevicePath(() => run(1));
      expect(frames[0]).toHaveLength(9);
      expect(frames[1]).toHaveLength(9);
      let worst = 0;
      for (let i = 0; i < inPlace.length; i++)
        worst = Math.max(worst, Math.abs(inPlace[i] - onDevice[i]));
      // float32 arithmetic on the device against float64 in place: rounding, not a different run.
      expect(worst, sampler).toBeLessThan(1e-4);
      expect(worst, sampler).toBeGreaterThan(0);
      expect(Math.max(...inPlace.map(Math.abs)), sampler).toBeGreaterThan(0.5);
    }
  });

  it.each([
    ['in place', <V>(fn: () => Promise<V>) => fn()],
    ['on the device', onDevicePath],
  ])(
    'frees every tensor it makes %s, finished or cancelled, multistep history included',
    async (_path, on) =>
      on(async () => {
        // Loads the weights of both networks.
        await runScene(sceneJob({}), context().ctx);
        await runScene(sceneJob({ dataset: 'gaussians8' }), context().ctx);
        const start = tf.memory().numTensors;
        // Multistep samplers keep history between steps; ancestral ones draw noise arrays.
        for (const sampler of ['dpmpp-2m', 'lms', 'euler-ancestral']) {
          for (const cancelAfter of [Infinity, 3]) {
            const c = context(cancelAfter);
            await runScene(sceneJob({ sampler }), c.ctx);
            expect(c.frames()).toBe(cancelAfter === Infinity ? 5 : 3);
            expect(tf.memory().numTensors, `${sampler}, cancel after ${cancelAfter}`).toBe(start);
          }
        }
        // Guided networks: reconstruction guidance differentiates through the network (tf.grad);
        // classifier guidance adds the mixture classifier's gradient on the particles.
        await runScene(
          sceneJob({ region: { kind: 'half', angle: 0, offset: 0.5 }, regionZeta: 1 }),
          context().ctx,
        );
        await runScene(
          sceneJob({
            dataset: 'gaussians8',
            classGuide: { mode: 'classifier', classId: 3, scale: 2 },
          }),
          context().ctx,
        );
        expect(tf.memory().numTensors, 'guided').toBe(start);
        // Lockstep lanes (the compare view) and a sampler that refuses the grid.
        const job = { ...sceneJob({}), second: { sampler: 'dpmpp-2m', samplerParams: {} } };
        await runScene(job, context().ctx);
        const refused = sceneJob({
          process: 've',
          sampler: 'midpoint',
          samplerParams: { coordinates: 'process' },
        });
        await expect(runScene(refused, context().ctx)).rejects.toThrow(/midpoint/);
        expect(tf.memory().numTensors).toBe(start);
      }),
  );

  it.each([
    ['no-manifest', /manifest could not be loaded \(HTTP 404\)/],
    ['missing-weights', /"mlp-moons": mlp-moons\/weights.bin is missing \(HTTP 404\)/],
    ['truncated-weights', /"mlp-moons": mlp-moons\/weights.bin is truncated/],
    ['wrong-hash', /"mlp-moons": mlp-moons\/weights.bin has the wrong SHA-256/],
    [
      'wrong-shape',
      /"mlp-moons": tensor time_embed\/kernel has shape \[64,32\], expected \[32,64\]/,
    ],
    ['bad-json', /"mlp-moons": model.json is not valid JSON/],
  ] as const)(
    '%s: names the model and the fault, then runs the exact model',
    async (fault, why) => {
      overrides = await faultyModelFiles(fault, 'mlp-moons', read);
      const c = context();
      const result = await runScene(sceneJob({}), c.ctx);
      expect(c.notices).toHaveLength(1);
      expect(c.notices[0]).toMatch(why);
      expect(c.notices[0]).toMatch(/running the exact model instead$/);
      const exact = await runScene(sceneJob({}, 'exact'), context().ctx);
      expect(result).toEqual(exact);
    },
  );

  it('a network that is not shipped is an error, not a fallback', async () => {
    const c = context();
    await expect(runScene(sceneJob({ dataset: 'custom' }), c.ctx)).rejects.toThrow(
      'no trained diffusion MLP is shipped for "custom" (model "mlp-custom")',
    );
    expect(c.notices).toEqual([]);
  });

  it('stops a run whose particles turn NaN and says at which step', async () => {
    overrides = await faultyModelFiles('nan-weights', 'mlp-moons', read);
    const c = context();
    await expect(runScene(sceneJob({}), c.ctx)).rejects.toThrow(
      /stopped at step 1 of 4 \(σ = .*\): 50 of 50 particles became NaN or infinite \(sampler euler on vp-discrete\)/,
    );
    expect(c.frames()).toBe(1);
  });
});

describe('the scene field, asked for by the page', () => {
  it('streams no field, and the field of each step lies over that frame: s·D(g/s, σ) − g on its view square', async () => {
    const { cachedExactModel } = await import('../../../core/scene/build');
    const { gridPoints } = await import('../../../core/metrics/squareGrid');
    const shown: { sigma: number; scale: number; extent: number; field: number }[] = [];
    const buffers: ArrayBufferLike[] = [];
    const c = context();
    let source: ((step: number) => Promise<Float32Array>) | undefined;
    const job = sceneJob({ steps: 3 }, 'exact');
    await runScene(
      job,
      {
        ...c.ctx,
        emit: (_s, _t, f, info) => {
          buffers.push(f.x.buffer, f.x0.buffer, f.field.buffer);
          if (info) shown.push({ ...info, field: f.field.length });
        },
      },
      (s) => (source = s),
    );
    expect(shown.map((f) => f.field)).toEqual([0, 0, 0, 0]);
    // Every frame's arrays are its own: their buffers are transferred, so one shared between
    // frames would be detached after the first.
    expect(new Set(buffers).size).toBe(buffers.length);
    const { denoise } = cachedExactModel(job.settings.dataset);
    for (const [step, { sigma, scale, extent }] of shown.entries()) {
      const field = await source!(step);
      const g = gridPoints({ size: job.fieldSize, extent });
      const d =
        sigma > 0
          ? denoise(
              g.map((v) => v / scale),
              sigma,
            )
          : null;
      const expected = g.map((v, i) => (d ? d[i] * scale - v : 0));
      expect(field.length).toBe(2 * job.fieldSize ** 2);
      for (let i = 0; i < field.length; i++) expect(field[i]).toBeCloseTo(expected[i], 4);
    }
    await expect(source!(4)).rejects.toThrow('step 4 is outside the run');
  });
});
