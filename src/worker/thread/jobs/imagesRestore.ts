import * as tf from '@tensorflow/tfjs-core';
import { repaintSchedule, repaintStep } from '../../../core/images/repaint';
import { float64Ops } from '../../../core/ops';
import { float64RestoreOps, linearOperator, pseudoInverse } from '../../../core/restore/linear';
import { measurementOperator, type OperatorSpec } from '../../../core/restore/operators';
import { psnr, requireSolver, solverApplies } from '../../../core/restore/registry';
import { INITIAL_NOISE_KEY, normals } from '../../../core/rng';
import { runToEndAsync } from '../../../core/samplers/driver';
import type { Denoiser, SamplerRun } from '../../../core/samplers/types';
import { cellGuidedDenoiser } from '../../../models/cellDenoiser';
import { tfDenoiserVjp, tfRestoreOps } from '../../../models/tfRestoreOps';
import {
  MAX_IMAGE_STEPS,
  type ImageFrame,
  type ImageRestoreJob,
  type RestoreResult,
} from '../../protocol/image';
import type { JobContext } from './context';
import { yieldToMessages } from './context';
import { imageHost } from './hosts';
import { frameInfo, levelOf, readFrame } from './imagesFrame';
import { imageBundle, imageGrid } from './imagesModel';
import { MAX_REPAINT_MOVES } from './imagesRepaint';
import { checkRange, clippedDenoiser } from './imagesSample';
import { testImage } from './imagesTools';

/** The measurement noise's stream key: apart from x_T (0) and every step's (1 + 8·step + sub). */
export const MEASUREMENT_KEY = 0x7ffffff0;

/** At most this many restorations side by side. */
export const MAX_RESTORE_CELLS = 8;

/** y = A(x) + σ_y·n in float64, with a mask's unobserved pixels at 0. */
export function measure(spec: OperatorSpec, x: Float64Array, sigmaY: number, seed: number) {
  const clean = linearOperator(spec, float64RestoreOps(1)).apply(x);
  const n = normals(seed, MEASUREMENT_KEY, clean.length);
  return clean.map((v, i) => (spec.mask && !spec.mask[i] ? 0 : v + sigmaY * n[i]));
}

/** RePaint's walk (core/images/repaint.ts) as a run of moves: x̂0 of a forward move is x itself. */
function repaintRun(
  job: ImageRestoreJob,
  spec: OperatorSpec,
  y: Float64Array,
  denoise: Denoiser<tf.Tensor>,
  sigmas: readonly number[],
  noise: (key: number) => tf.Tensor,
): { run: SamplerRun<tf.Tensor>; steps: number; at: (k: number) => number; fixed: tf.Tensor[] } {
  const moves = repaintSchedule(job.steps, job.jumpLength, job.resamples);
  if (moves.length > MAX_REPAINT_MOVES)
    throw new Error(`${moves.length} RePaint moves is too many (at most ${MAX_REPAINT_MOVES})`);
  const ops = tfRestoreOps(job.count);
  const tile = (v: Float64Array) => ops.tile(v, spec.height, spec.width);
  const mask = spec.mask as Float64Array;
  const fixed = [tile(y), tile(mask), tile(mask.map((m) => 1 - m))];
  const repaint = {
    ops,
    denoise,
    noise,
    sigmas,
    moves,
    source: fixed[0],
    keep: fixed[1],
    fill: fixed[2],
  };
  return {
    run: {
      step: (x, k) => {
        const r = repaintStep(repaint, x, k);
        return { x: r.x, x0: r.x0 ?? r.x, nfe: r.nfe };
      },
      history: () => [],
    },
    steps: moves.length,
    at: (k) => sigmas[moves[k].to],
    fixed,
  };
}

/**
 * An inverse problem on a test image: measures y once, streams it (with A⁺y), then `count`
 * restorations by the chosen solver on the unconditional model through the sampling loop
 * (core/samplers/driver.ts), one 'step' frame per step. Resolves to PSNR and ‖A(x̂) − y‖ of the
 * final images clipped to [-1, 1]; null when cancelled. Every tensor is freed at the end.
 */
export async function runImageRestore(
  job: ImageRestoreJob,
  ctx: JobContext<ImageFrame>,
): Promise<RestoreResult | null> {
  const bundle = await imageBundle(job.model, ctx);
  const { dim, process } = bundle;
  const [height, width] = bundle.info.inputShape;
  checkRange('steps', job.steps, 1, MAX_IMAGE_STEPS);
  checkRange('the number of restorations', job.count, 1, MAX_RESTORE_CELLS);
  checkRange('the measurement noise σ_y', job.sigmaY, 0, 1, false);
  if (!solverApplies(job.solver, job.operator.id))
    throw new Error(`${job.solver} does not apply to the "${job.operator.id}" measurement`);
  const spec = measurementOperator(job.operator, height, width);
  const source = testImage(bundle, job.image);
  const y = measure(spec, source, job.sigmaY, job.seed);
  const pinv = pseudoInverse(linearOperator(spec, float64RestoreOps(1)), float64Ops, y);
  const baseline =
    pinv.reduce((s, v, i) => s + (Math.max(-1, Math.min(1, v)) - source[i]) ** 2, 0) / dim;
  const { sigmas } = imageGrid(bundle, job.steps, job);
  const n = job.count * dim;
  const host = imageHost(bundle.info.inputShape);
  const noise = (key: number) => host.fromFloat64(normals(job.seed, key, n));
  const unguided = cellGuidedDenoiser(
    bundle.loaded,
    { a: new Int32Array(job.count).fill(bundle.info.nullClass) },
    0,
  );
  const tiledY = new Float64Array(job.count * y.length);
  for (let c = 0; c < job.count; c++) tiledY.set(y, c * y.length);
  const yT = tf.tensor4d(Float32Array.from(tiledY), [
    job.count,
    spec.measHeight,
    spec.measWidth,
    1,
  ]);
  const owned: tf.Tensor[] = [yT];
  try {
    let plan: { run: SamplerRun<tf.Tensor>; steps: number; at: (k: number) => number };
    if (job.solver === 'repaint') {
      const denoise = job.clipX0 ? clippedDenoiser(unguided) : unguided;
      const r = repaintRun(job, spec, y, denoise, sigmas, noise);
      owned.push(...r.fixed);
      plan = r;
    } else {
      const ops = tfRestoreOps(job.count);
      const run = requireSolver(job.solver).create(
        {
          ops,
          op: linearOperator(spec, ops),
          y: yT,
          sigmaY: job.sigmaY,
          denoise: unguided,
          denoiseVjp: tfDenoiserVjp(unguided),
          noise,
          clipRange: job.clipX0 ? [-1, 1] : undefined,
        },
        { sigmas },
        job.params,
      );
      plan = { run, steps: job.steps, at: (i) => sigmas[i + 1] };
    }
    ctx.emit(0, plan.steps, {
      kind: 'measurement',
      y: Float32Array.from(y),
      measHeight: spec.measHeight,
      measWidth: spec.measWidth,
      pseudoInverse: Float32Array.from(pinv),
    });
    const emit = async (k: number, x: tf.Tensor, x0: tf.Tensor | null, nfe: number, ms: number) => {
      const sigma = k === 0 ? sigmas[0] : plan.at(k - 1);
      const images = await readFrame(x, x0, levelOf(process, sigma).scale);
      ctx.emit(
        k,
        plan.steps,
        { kind: 'step', cells: job.count, dim, ...images },
        frameInfo(process, sigma, nfe, ms),
      );
    };
    const t0 = performance.now();
    const x = host.fromFloat64(normals(job.seed, INITIAL_NOISE_KEY, n).map((v) => v * sigmas[0]));
    await emit(0, x, null, 0, 0);
    const done = await runToEndAsync(
      {
        care: host,
        run: plan.run,
        steps: plan.steps,
        x,
        frame: (i, r, nfe, ms) => emit(i + 1, r.x, r.x0, nfe, ms),
      },
      { isCancelled: () => ctx.isCancelled(), between: yieldToMessages },
    );
    if (!done) return null;
    const ms = performance.now() - t0;
    const values = Float64Array.from(await done.x.data(), (v) => Math.max(-1, Math.min(1, v)));
    done.x.dispose();
    const ax = linearOperator(spec, float64RestoreOps(job.count)).apply(values);
    const psnrs: number[] = [];
    const residuals: number[] = [];
    const m = y.length;
    for (let c = 0; c < job.count; c++) {
      let se = 0;
      for (let k = 0; k < dim; k++) se += (values[c * dim + k] - source[k]) ** 2;
      psnrs.push(psnr(se / dim));
      let re = 0;
      for (let k = 0; k < m; k++) re += (ax[c * m + k] - y[k]) ** 2;
      residuals.push(Math.sqrt(re));
    }
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    return {
      psnr: psnrs,
      residual: residuals,
      meanPsnr: mean(psnrs),
      meanResidual: mean(residuals),
      pseudoInversePsnr: psnr(baseline),
      nfe: done.nfe,
      ms,
    };
  } finally {
    tf.dispose(owned);
  }
}
