/**
 * The image playground's worker jobs and their frame layouts (Float32Array, one per frame). Both
 * sides use these encoders and decoders, so each layout is written down once, here. Images are
 * flat, row-major, `dim` = H·W values each; states are shown in the process's own coordinates
 * x_t = s(t)·x (the VP state, about unit variance at every t).
 */
import type { InversionMethod } from '../../core/images/inversion';
import type { SamplerParams } from '../../core/samplers/types';
import type { TimestepSpacing } from '../../core/schedules/spacing';

/** Largest grid, and most steps of one image run (every frame is kept on the page for scrubbing and export). */
export const MAX_CELLS = 64;
export const MAX_IMAGE_STEPS = 200;

/** Who a cell is conditioned on: 'all' gives cell i class i mod K, 'uncond' the null class. */
export type ClassChoice = number | 'all' | 'uncond';

/**
 * Where the steps go: a diffusion model's timestep spacing, or a flow-matching model's time
 * shift α (the other is ignored; jobs/imagesModel.ts imageGrid).
 */
export interface GridPlacement {
  spacing: TimestepSpacing;
  shift: number;
}

/** The sampling settings the grid and the interpolation row share. */
export interface ImageSampling extends GridPlacement {
  /** Manifest id of a class-conditional UNet ('digits', 'fashion', 'digits-fm'). */
  model: string;
  sampler: string;
  samplerParams: SamplerParams;
  steps: number;
  seed: number;
  /** Classifier-free guidance weight w: 0 unconditional, 1 conditional, > 1 guided. */
  guidance: number;
  /** Clip every x̂0 to the data range [-1, 1]. */
  clipX0: boolean;
}

/** Loads the model, its classifier and test images; resolves to encodeLoadResult. */
export interface ImageLoadJob {
  kind: 'image-load';
  model: string;
}

/** `count` samples from one seed (cell i's x_T is elements [i·dim, (i+1)·dim) of the seed's stream). */
export interface ImageGridJob extends ImageSampling {
  kind: 'image-grid';
  classChoice: ClassChoice;
  count: number;
  /** Score the final samples with the bundled classifier (a quality frame after the last step). */
  quality: boolean;
}

/**
 * A row of `count` samples between two endpoints: 'noise' slerps between the x_T of `seed` and of
 * `seedB` under class A; 'class' starts every cell from the x_T of `seed` and blends the guidance
 * directions of classes A and B.
 */
export interface ImageInterpJob extends ImageSampling {
  kind: 'image-interp';
  mode: 'noise' | 'class';
  classA: number | 'uncond';
  classB: number;
  seedB: number;
  count: number;
}

/** Conditioning on a test image's own label (with `guidance`) or none. */
interface ImageConditioning {
  conditional: boolean;
  guidance: number;
}

/**
 * Forward noising of test image `image` to t (a fraction of the training process's time range:
 * the training steps, or the flow's τ) and the model's estimates there.
 */
export interface ImageNoiseJob extends ImageConditioning {
  kind: 'image-noise';
  model: string;
  image: number;
  t: number;
  seed: number;
}

/** RePaint: `count` fills of the region where keep[k] = 0, keeping test image `image` elsewhere. */
export interface ImageInpaintJob extends ImageConditioning, GridPlacement {
  kind: 'image-inpaint';
  model: string;
  image: number;
  /** dim values, 1 keep / 0 fill. */
  keep: number[];
  count: number;
  steps: number;
  jumpLength: number;
  resamples: number;
  seed: number;
  clipX0: boolean;
}

/** Test image `image` inverted to x_T by `method` and regenerated on the same grid. */
export interface ImageInvertJob extends GridPlacement {
  kind: 'image-invert';
  model: string;
  image: number;
  method: InversionMethod;
  steps: number;
  conditional: boolean;
}

export type ImageJob =
  ImageLoadJob | ImageGridJob | ImageInterpJob | ImageNoiseJob | ImageInpaintJob | ImageInvertJob;

/* ---- load result ---------------------------------------------------------------------------
 * [count, height, width, classes, hasClassifier, labels (count), pixels (count × height × width)]
 */
export interface LoadedImages {
  count: number;
  height: number;
  width: number;
  classes: number;
  hasClassifier: boolean;
  labels: Int32Array;
  pixels: Float32Array;
}

export function encodeLoadResult(r: LoadedImages): Float32Array {
  const head = [r.count, r.height, r.width, r.classes, r.hasClassifier ? 1 : 0];
  const out = new Float32Array(head.length + r.count + r.pixels.length);
  out.set(head);
  out.set(r.labels, head.length);
  out.set(r.pixels, head.length + r.count);
  return out;
}

export function decodeLoadResult(d: Float32Array): LoadedImages {
  const [count, height, width, classes, hasClassifier] = d;
  return {
    count,
    height,
    width,
    classes,
    hasClassifier: hasClassifier === 1,
    labels: Int32Array.from(d.subarray(5, 5 + count)),
    pixels: d.slice(5 + count),
  };
}

/* ---- frames --------------------------------------------------------------------------------
 * step     [0, cells, dim, hasX0, x_t (cells·dim), x̂0 (cells·dim, when hasX0)]   grid, row, inversion
 * quality  [1, agreeing (NaN: unconditional), scored, FD, IS, FD floor, references,
 *           predicted class (cells), confidence (cells)]
 * noise    [2, dim, MSE(x̂0, x0), MSE(ε̂, ε), MSE(v̂, v), x_t, ε, x̂0, ε̂, v̂ (dim each)]
 * move     [3, cells, dim, forward (0/1), position, hasX0, x_t, x̂0 (when hasX0)]   RePaint
 * phase    [4, phase (0 inverting, 1 regenerating), then a step frame's fields from `cells`]
 */
export interface StepImages {
  cells: number;
  dim: number;
  xt: Float32Array;
  x0: Float32Array | null;
}

export interface QualityReadout {
  /** Cells the classifier assigns to the requested class; null for unconditional grids. */
  agreeing: number | null;
  scored: number;
  /** Fréchet distance of pooled classifier features, samples vs the shipped test images. */
  fd: number;
  inceptionScore: number;
  /** The same distance between two halves of the test images: what small samples alone give. */
  fdFloor: number;
  references: number;
  predicted: Int32Array;
  confidence: Float32Array;
}

export type ImageFrame =
  | ({ kind: 'step' } & StepImages)
  | ({ kind: 'quality' } & QualityReadout)
  | {
      kind: 'noise';
      dim: number;
      mseX0: number;
      mseEps: number;
      /** Against the flow-matching target v = ε − x0. */
      mseV: number;
      xt: Float32Array;
      eps: Float32Array;
      x0: Float32Array;
      epsHat: Float32Array;
      /** The velocity estimate v̂ = ε̂ − x̂0 (what a flow-matching network predicts). */
      vHat: Float32Array;
    }
  | ({ kind: 'move'; forward: boolean; position: number } & StepImages)
  | ({ kind: 'phase'; phase: 'invert' | 'regenerate' } & StepImages);

function stepFields(s: StepImages): number[] {
  return [s.cells, s.dim, s.x0 ? 1 : 0];
}

function withImages(head: number[], s: StepImages): Float32Array {
  const n = s.cells * s.dim;
  const out = new Float32Array(head.length + n * (s.x0 ? 2 : 1));
  out.set(head);
  out.set(s.xt, head.length);
  if (s.x0) out.set(s.x0, head.length + n);
  return out;
}

export function encodeStepFrame(s: StepImages): Float32Array {
  return withImages([0, ...stepFields(s)], s);
}

export function encodeMoveFrame(s: StepImages, forward: boolean, position: number): Float32Array {
  return withImages([3, s.cells, s.dim, forward ? 1 : 0, position, s.x0 ? 1 : 0], s);
}

export function encodePhaseFrame(s: StepImages, phase: 'invert' | 'regenerate'): Float32Array {
  return withImages([4, phase === 'invert' ? 0 : 1, ...stepFields(s)], s);
}

export function encodeQualityFrame(q: QualityReadout): Float32Array {
  const head = [1, q.agreeing ?? NaN, q.scored, q.fd, q.inceptionScore, q.fdFloor, q.references];
  const out = new Float32Array(head.length + 2 * q.scored);
  out.set(head);
  out.set(q.predicted, head.length);
  out.set(q.confidence, head.length + q.scored);
  return out;
}

export function encodeNoiseFrame(f: Extract<ImageFrame, { kind: 'noise' }>): Float32Array {
  const out = new Float32Array(5 + 5 * f.dim);
  out.set([2, f.dim, f.mseX0, f.mseEps, f.mseV]);
  [f.xt, f.eps, f.x0, f.epsHat, f.vHat].forEach((a, k) => out.set(a, 5 + k * f.dim));
  return out;
}

function readImages(
  d: Float32Array,
  at: number,
  cells: number,
  dim: number,
  hasX0: boolean,
): StepImages {
  const n = cells * dim;
  return {
    cells,
    dim,
    xt: d.subarray(at, at + n),
    x0: hasX0 ? d.subarray(at + n, at + 2 * n) : null,
  };
}

export function decodeImageFrame(d: Float32Array): ImageFrame {
  switch (d[0]) {
    case 0:
      return { kind: 'step', ...readImages(d, 4, d[1], d[2], d[3] === 1) };
    case 1: {
      const scored = d[2];
      return {
        kind: 'quality',
        agreeing: Number.isNaN(d[1]) ? null : d[1],
        scored,
        fd: d[3],
        inceptionScore: d[4],
        fdFloor: d[5],
        references: d[6],
        predicted: Int32Array.from(d.subarray(7, 7 + scored)),
        confidence: d.slice(7 + scored, 7 + 2 * scored),
      };
    }
    case 2: {
      const dim = d[1];
      const part = (k: number) => d.subarray(5 + k * dim, 5 + (k + 1) * dim);
      return {
        kind: 'noise',
        dim,
        mseX0: d[2],
        mseEps: d[3],
        mseV: d[4],
        xt: part(0),
        eps: part(1),
        x0: part(2),
        epsHat: part(3),
        vHat: part(4),
      };
    }
    case 3:
      return {
        kind: 'move',
        forward: d[3] === 1,
        position: d[4],
        ...readImages(d, 6, d[1], d[2], d[5] === 1),
      };
    case 4:
      return {
        kind: 'phase',
        phase: d[1] === 0 ? 'invert' : 'regenerate',
        ...readImages(d, 5, d[2], d[3], d[4] === 1),
      };
    default:
      throw new Error(`image frame: unknown kind ${d[0]}`);
  }
}

/* ---- done results ----------------------------------------------------------------------------
 * image-load:    encodeLoadResult
 * image-inpaint: [max |x − source| over the kept pixels of every fill]
 * image-invert:  [RMS error, max |error|, latent mean, latent std (VP coordinates, x_T·s)]
 * others:        empty
 */
export interface InversionResult {
  rmse: number;
  maxError: number;
  latentMean: number;
  latentStd: number;
}

export const encodeInversionResult = (r: InversionResult): Float32Array =>
  Float32Array.of(r.rmse, r.maxError, r.latentMean, r.latentStd);

export const decodeInversionResult = (d: Float32Array): InversionResult => ({
  rmse: d[0],
  maxError: d[1],
  latentMean: d[2],
  latentStd: d[3],
});
