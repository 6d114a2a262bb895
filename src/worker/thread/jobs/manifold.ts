import { manifoldPoints } from '../../../core/manifold/datasets';
import { forwardRun, reverseLanes } from '../../../core/manifold/lanes';
import { fieldBase, MANIFOLDS, meanAmbientDistance } from '../../../core/manifold/manifolds';
import { Stepper } from '../../../core/samplers/driver';
import {
  MANIFOLD_DATA_POINTS,
  MANIFOLD_FIELD_FRAMES,
  type ManifoldFrame,
  type ManifoldJob,
} from '../../protocol';
import { yieldToMessages, type JobContext } from './context';
import { laneModels } from './manifoldModels';

/** Arrows of the score field: points on S² (Fibonacci lattice) or T² (grid). */
const FIELD_POINTS = 324;

async function loadPoints(job: ManifoldJob, modelsUrl: string): Promise<Float64Array> {
  let text: string | undefined;
  if (job.data === 'cities') {
    const url = new URL('../data/cities.json', modelsUrl);
    const res = await fetch(url);
    if (!res.ok) throw new Error(`cities: ${url.pathname} answered ${res.status}`);
    text = await res.text();
  }
  return manifoldPoints(job.data, MANIFOLD_DATA_POINTS, job.weighted, text);
}

/**
 * The manifold view's run on the exact models or the shipped networks (manifoldModels.ts; states
 * in float64 throughout, stepped by the exp map, so every point stays on the manifold to 1e-9):
 * the data, the forward Brownian motion with the score field at up to MANIFOLD_FIELD_FRAMES of
 * its times, then the four reverse lanes in lockstep (core/manifold/lanes.ts).
 */
export async function runManifold(job: ManifoldJob, ctx: JobContext<ManifoldFrame>): Promise<null> {
  const m = MANIFOLDS[job.manifold];
  const data = await loadPoints(job, ctx.modelsUrl);
  const sizes = { steps: job.steps, particles: job.particles, seed: job.seed, heun: job.heun };
  const total = 2 * job.steps + 2;
  ctx.emit(0, total, { kind: 'data', points: Float32Array.from(data) });
  const { score, velocity } = await laneModels(job, data, ctx);

  const forward = forwardRun(m, data, sizes);
  const base = fieldBase(m, FIELD_POINTS);
  const every = Math.max(1, Math.ceil(forward.times.length / MANIFOLD_FIELD_FRAMES));
  const emitForward = (frame: number, x: Float64Array) => {
    const time = forward.times[frame];
    ctx.emit(frame, total, { kind: 'forward', frame, time, points: Float32Array.from(x) });
    if (frame > 0 && (frame % every === 0 || frame === forward.times.length - 1)) {
      const vectors = new Float64Array(base.length);
      score(base, time, vectors);
      m.toTangent(base, vectors);
      const field = { kind: 'field', frame, time, base: Float32Array.from(base) } as const;
      ctx.emit(frame, total, { ...field, vectors: Float32Array.from(vectors) });
    }
  };
  emitForward(0, forward.run.x);
  const walk = new Stepper({ ...forward.run, frame: (i, r) => emitForward(i + 1, r.x) });
  while (walk.next()) {
    await yieldToMessages();
    if (ctx.isCancelled()) return null;
  }

  const lanes = reverseLanes(m, data, { score, velocity }, sizes);
  const emitLane = (lane: number, frame: number, x: Float64Array, nfe: number) => {
    const { id, times, onManifold } = lanes[lane];
    const points = onManifold(x);
    const offManifold = id === 'naive' ? meanAmbientDistance(m, x) : m.offManifold(x);
    const msg = { kind: 'lane', lane, frame, time: times[frame], offManifold, nfe } as const;
    ctx.emit(job.steps + 1 + frame, total, { ...msg, points: Float32Array.from(points) });
  };
  const steppers = lanes.map((lane, k) => {
    emitLane(k, 0, lane.run.x, 0);
    return new Stepper({ ...lane.run, frame: (i, r, nfe) => emitLane(k, i + 1, r.x, nfe) });
  });
  for (let step = 0; step < job.steps; step++) {
    for (const s of steppers) {
      s.next();
      await yieldToMessages();
      if (ctx.isCancelled()) return null;
    }
  }
  return null;
}
