import * as tf from '@tensorflow/tfjs-core';
import { repaintSchedule, repaintStep, type RepaintSpec } from '../../../core/images/repaint';
import { INITIAL_NOISE_KEY, normals } from '../../../core/rng';
import { cellGuidedDenoiser } from '../../../models/cellDenoiser';
import { tfOps } from '../../../models/tfOps';
import {
  MAX_IMAGE_STEPS,
  type ImageFrame,
  type ImageInpaintJob,
  type InpaintResult,
} from '../../protocol/image';
import type { JobContext } from './context';
import { yieldToMessages } from './context';
import { imageHost } from './hosts';
import { frameInfo, levelOf, readFrame } from './imagesFrame';
import { imageBundle, imageGrid } from './imagesModel';
import { checkRange, clippedDenoiser } from './imagesSample';
import { imageLabel, testImage } from './imagesTools';

/** At most this many moves (model evaluations plus forward jumps) per RePaint run. */
export const MAX_REPAINT_MOVES = 20_000;

/**
 * RePaint (core/images/repaint.ts) on `count` copies of a test image: one frame per move of the
 * jump schedule (x_t and, after reverse moves, x̂0 of every fill). Resolves to the largest
 * |x − source| over the kept pixels of the final fills (0: kept exactly). RePaint's moves are
 * written in k-diffusion coordinates x = x0 + σε, where every process adds Gaussian noise of
 * variance σ_i² − σ_j² going up: on a flow-matching model they are the rectified flow's own
 * forward process (x_τ = (1 − τ)x0 + τε at every level of the flow grid).
 */
export async function runImageInpaint(
  job: ImageInpaintJob,
  ctx: JobContext<ImageFrame>,
): Promise<InpaintResult | null> {
  const bundle = await imageBundle(job.model, ctx);
  const { dim, process } = bundle;
  checkRange('steps', job.steps, 1, MAX_IMAGE_STEPS);
  checkRange('the number of fills', job.count, 1, 16);
  checkRange('guidance', job.guidance, 0, 10, false);
  checkRange('the jump length', job.jumpLength, 1, job.steps);
  checkRange('the resampling count', job.resamples, 1, 20);
  if (job.keep.length !== dim || job.keep.some((v) => v !== 0 && v !== 1))
    throw new Error(`the mask needs ${dim} values of 0 or 1, got ${job.keep.length}`);
  const moves = repaintSchedule(job.steps, job.jumpLength, job.resamples);
  if (moves.length > MAX_REPAINT_MOVES)
    throw new Error(
      `${moves.length} RePaint moves is too many (at most ${MAX_REPAINT_MOVES}); lower the steps, jump length or resampling count`,
    );
  const n = job.count * dim;
  const tile = (v: ArrayLike<number>) => Float64Array.from({ length: n }, (_, i) => v[i % dim]);
  const source = testImage(bundle, job.image);
  const host = imageHost(bundle.info.inputShape);
  const { sigmas } = imageGrid(bundle, job.steps, job);
  const guided = cellGuidedDenoiser(
    bundle.loaded,
    { a: new Int32Array(job.count).fill(imageLabel(bundle, job.image, job.conditional)) },
    job.conditional ? job.guidance : 0,
  );
  const fixed = {
    source: host.fromFloat64(tile(source)),
    keep: host.fromFloat64(tile(job.keep)),
    fill: host.fromFloat64(tile(job.keep.map((v) => 1 - v))),
  };
  const spec: RepaintSpec<tf.Tensor> = {
    ops: tfOps,
    denoise: job.clipX0 ? clippedDenoiser(guided) : guided,
    noise: (key) => host.fromFloat64(normals(job.seed, key, n)),
    sigmas,
    moves,
    ...fixed,
  };
  let x = host.fromFloat64(normals(job.seed, INITIAL_NOISE_KEY, n).map((v) => v * sigmas[0]));
  let nfe = 0;
  const emit = async (k: number, x0: tf.Tensor | null, ms: number) => {
    const position = k === 0 ? 0 : moves[k - 1].to;
    const sigma = sigmas[position];
    const images = await readFrame(x, x0, levelOf(process, sigma).scale);
    const forward = k > 0 && moves[k - 1].kind === 'forward';
    const frame: ImageFrame = { kind: 'move', forward, position, cells: job.count, dim, ...images };
    ctx.emit(k, moves.length, frame, frameInfo(process, sigma, nfe, ms));
  };
  try {
    await emit(0, null, 0);
    for (let k = 0; k < moves.length && !ctx.isCancelled(); k++) {
      const t0 = performance.now();
      const r = host.scoped(
        () => repaintStep(spec, x, k),
        (s) => (s.x0 ? [s.x, s.x0] : [s.x]),
      );
      nfe += r.nfe;
      x.dispose();
      x = r.x;
      await emit(k + 1, r.x0, performance.now() - t0);
      r.x0?.dispose();
      await yieldToMessages();
    }
    if (ctx.isCancelled()) return null;
    const kept = tf.tidy(() => tf.max(tf.mul(fixed.keep, tf.abs(tf.sub(x, fixed.source)))));
    const maxKeptError = (await kept.data())[0];
    kept.dispose();
    return { maxKeptError };
  } finally {
    tf.dispose([x, fixed.source, fixed.keep, fixed.fill]);
  }
}
