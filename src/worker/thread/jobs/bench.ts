import * as tf from '@tensorflow/tfjs-core';
import { initialState, makeGrid, resolveSampler } from '../../../core/scene/build';
import { DEFAULT_SCENE } from '../../../core/scene/settings';
import { normals } from '../../../core/rng';
import { runToEndAsync } from '../../../core/samplers/driver';
import type { Denoiser, SamplingGrid } from '../../../core/samplers/types';
import type { ArrayHost } from '../../../core/host';
import type { BenchJob, BenchRow } from '../../protocol';
import { loadBenchModel, type BenchModel } from './benchModels';
import type { JobContext } from './context';
import { yieldToMessages } from './context';
import { onNetworkHost2d, tfHost } from './hosts';

const SEED = 0;
/** Steps of the untimed warm-up loop (compiles the sampler's kernels for this shape). */
const WARMUP_STEPS = 2;

function stats(times: number[]): [number, number, number] {
  const s = [...times].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return [median, s[0], s[s.length - 1]];
}

/** One size of the job: a batch of n items on the active backend, and the timed pieces. */
function benchCase(model: BenchModel, n: number, ctx: JobContext) {
  const dim = model.itemShape.reduce((a, b) => a * b, 1);
  const base = tfHost(dim);
  const host = {
    ...base,
    fromFloat64: (x: Float64Array) => tf.tensor(Float32Array.from(x), [n, ...model.itemShape]),
  };
  const gridOf = (steps: number) => makeGrid({ ...DEFAULT_SCENE, steps, particles: n, seed: SEED });

  /**
   * Bare evaluation: the denoiser at each of the grid's σ values back to back, as the loop calls
   * it but without the sampler, synchronised by one read of the last output; ms per evaluation.
   */
  const timeEval = async (grid: SamplingGrid, count: number): Promise<number> => {
    const x = host.fromFloat64(initialState(n, dim, SEED, grid.sigmas[0]));
    const t0 = performance.now();
    let d: tf.Tensor | null = null;
    for (let i = 0; i < count; i++) {
      d?.dispose();
      d = tf.tidy(() => model.denoise(x, grid.sigmas[i]));
    }
    await d?.data();
    const ms = (performance.now() - t0) / count;
    tf.dispose([x, ...(d ? [d] : [])]);
    return ms;
  };

  /**
   * The app's loop (the core driver's runToEndAsync), timed from x_T to the final state read back,
   * on the host the app's runs use: a 2D network's (hosts.onNetworkHost2d), an image batch on the
   * device. With `readback`, every step reads x and x̂0 back as the app's frames do.
   */
  const loopOn = async <T>(
    h: ArrayHost<T>,
    denoise: Denoiser<T>,
    job: BenchJob,
    grid: SamplingGrid,
    readback: boolean,
  ) => {
    const { def, params } = resolveSampler(job.sampler, {});
    const x = h.fromFloat64(initialState(n, dim, SEED, grid.sigmas[0]));
    const t0 = performance.now();
    const done = await runToEndAsync(
      {
        host: h,
        sampler: def,
        params,
        grid,
        denoise,
        noise: (key) => h.fromFloat64(normals(SEED, key, n * dim)),
        x,
        frame: async (_i, r) => {
          if (!readback) return;
          await h.read(r.x);
          await h.read(r.x0);
        },
      },
      { isCancelled: () => ctx.isCancelled(), between: yieldToMessages },
    );
    // A cancelled run (null) has released its arrays; its figures are not shown.
    if (done) await h.read(done.x);
    const ms = performance.now() - t0;
    if (done) h.release([done.x]);
    return { ms, nfe: done?.nfe ?? NaN };
  };
  const points = model.itemShape.length === 1 && dim === 2;
  const timeLoop = (job: BenchJob, grid: SamplingGrid, readback: boolean) =>
    points
      ? onNetworkHost2d(model.denoise, (h, d) => loopOn(h, d, job, grid, readback))
      : loopOn(host, model.denoise, job, grid, readback);
  return { gridOf, timeEval, timeLoop };
}

async function repeat(times: number, fn: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    out.push(await fn());
    await yieldToMessages();
  }
  return out;
}

const SKIPPED = NaN;

/**
 * Times bare evaluations and full loops for every size of the job on the active backend. A
 * size whose estimated cost exceeds the job's budget is skipped (NaN), as are its loops when
 * only they would exceed it.
 */
export async function runBench(job: BenchJob, ctx: JobContext): Promise<BenchRow[]> {
  const model = await loadBenchModel(job, ctx.modelsUrl);
  const rows: BenchRow[] = [];
  let previous: { size: number; evalMs: number } | null = null;
  for (const n of job.sizes) {
    if (ctx.isCancelled()) break;
    const row: BenchRow = {
      size: n,
      shipped: model.shipped ? 1 : 0,
      evalMedian: SKIPPED,
      evalMin: SKIPPED,
      evalMax: SKIPPED,
      loopMedian: SKIPPED,
      loopMin: SKIPPED,
      loopMax: SKIPPED,
      loopBareMedian: SKIPPED,
      loopBareMin: SKIPPED,
      loopBareMax: SKIPPED,
      nfe: SKIPPED,
      overheadPaired: SKIPPED,
    };
    rows.push(row);
    const evals = job.steps * job.repeats;
    // Cost grows at most linearly with the batch: a warm-up predicted to take a quarter of the
    // budget is not started; after the warm-up (which compiles kernels), one timed evaluation
    // predicts the rest.
    const predicted = previous ? (previous.evalMs * n) / previous.size : 0;
    if (predicted * 4 > job.budgetMs) continue;
    const c = benchCase(model, n, ctx);
    const grid = c.gridOf(job.steps);
    await c.timeEval(grid, 1);
    const warm = await c.timeEval(grid, 1);
    if (warm * evals > job.budgetMs) {
      previous = { size: n, evalMs: warm };
      continue;
    }
    [row.evalMedian, row.evalMin, row.evalMax] = stats(
      await repeat(job.repeats, () => c.timeEval(grid, job.steps)),
    );
    previous = { size: n, evalMs: row.evalMedian };
    if (row.evalMedian * evals * 2 > job.budgetMs) continue;
    for (const readback of [true, false]) {
      await c.timeLoop(job, c.gridOf(WARMUP_STEPS), readback);
      const ratios: number[] = [];
      const loops = await repeat(job.repeats, async () => {
        // Without read-back, each loop is paired with evaluations timed just before it, so a
        // load that changes over the run weighs on both sides of the ratio alike.
        const evalMs = readback ? NaN : await c.timeEval(grid, job.steps);
        const { ms, nfe } = await c.timeLoop(job, grid, readback);
        row.nfe = nfe;
        ratios.push(ms / (nfe * evalMs));
        return ms;
      });
      const [median, min, max] = stats(loops);
      if (readback) [row.loopMedian, row.loopMin, row.loopMax] = [median, min, max];
      else {
        [row.loopBareMedian, row.loopBareMin, row.loopBareMax] = [median, min, max];
        row.overheadPaired = stats(ratios)[0];
      }
    }
  }
  return rows;
}
