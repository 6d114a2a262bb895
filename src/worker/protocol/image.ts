/**
 * The image playground's worker jobs, frames and results. Images are flat, row-major, `dim` =
 * H·W values each; states are shown in the process's own coordinates x_t = s(t)·x (the VP
 * state, about unit variance at every t).
 */
import type { InversionMethod } from '../../core/images/inversion';
import type { SolverId } from '../../core/restore/registry';
import type { OperatorSettings } from '../../core/restore/operators';
import type { RestoreParams } from '../../core/restore/solver';
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

export const IMAGE_GUIDES = ['cfg', 'classifier'] as const;
export type ImageGuide = (typeof IMAGE_GUIDES)[number];

/** The sampling settings the grid and the interpolation row share. */
export interface ImageSampling extends GridPlacement {
  /** Manifest id of a class-conditional UNet ('digits', 'fashion', 'digits-fm'). */
  model: string;
  sampler: string;
  samplerParams: SamplerParams;
  steps: number;
  seed: number;
  /**
   * How the class is imposed: 'cfg', classifier-free guidance with weight w (0 unconditional, 1
   * conditional, > 1 guided); 'classifier', the unconditional model plus w times the gradient of
   * the noise-conditional classifier of the model's data set.
   */
  guide: ImageGuide;
  guidance: number;
  /** Clip every x̂0 to the data range [-1, 1]. */
  clipX0: boolean;
}

/** Loads the model, its classifier and test images; resolves to LoadedImages. */
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

/**
 * An inverse problem on test image `image`: y = A(x) + σ_y·n measured once (noise stream of
 * `seed`), then `count` restorations by `solver` from the seed's x_T (unconditional model).
 */
export interface ImageRestoreJob extends GridPlacement {
  kind: 'image-restore';
  model: string;
  image: number;
  operator: OperatorSettings;
  sigmaY: number;
  solver: SolverId;
  params: RestoreParams;
  steps: number;
  count: number;
  seed: number;
  /** RePaint's walk (solver 'repaint' only). */
  jumpLength: number;
  resamples: number;
  /** Clip the x̂0 each step moves towards to [-1, 1]. */
  clipX0: boolean;
}

/**
 * Bits per dimension of test image `image` and of `count` test images spread over the set
 * (docs/LIKELIHOOD.md): the PF-ODE with `probes` Hutchinson probes per image over `steps` Heun
 * steps on one uniform dequantisation (stream of `seed`), and the DDPM bound with `elboTerms`
 * stratified terms, `elboSamples` draws each. A diffusion model only.
 */
export interface ImageLikelihoodJob {
  kind: 'image-likelihood';
  model: string;
  image: number;
  count: number;
  probes: number;
  steps: number;
  seed: number;
  elboTerms: number;
  elboSamples: number;
}

/** The most test images one likelihood run averages over. */
export const MAX_LIKELIHOOD_IMAGES = 40;

export type ImageJob =
  | ImageLikelihoodJob
  | ImageLoadJob
  | ImageGridJob
  | ImageInterpJob
  | ImageNoiseJob
  | ImageInpaintJob
  | ImageInvertJob
  | ImageRestoreJob;

/** The test images of a model: `count` images of height × width pixels with their labels. */
export interface LoadedImages {
  count: number;
  height: number;
  width: number;
  classes: number;
  hasClassifier: boolean;
  labels: Int32Array;
  pixels: Float32Array;
}

/** The images of one step: x_t and x̂0 (cells·dim each; x̂0 null before the first step). */
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

/**
 * Frames: 'step' of grid, row and inversion runs; 'quality' after a scored grid's last step;
 * 'noise' of a noising job; 'move' of RePaint; 'phase' of an inversion (which half it is in).
 */
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
  | ({ kind: 'phase'; phase: 'invert' | 'regenerate' } & StepImages)
  | {
      /** An image-likelihood run's progress: step k of the ODE's Heun steps, then the bound. */
      kind: 'bpd-progress';
      phase: 'ode' | 'elbo';
    }
  | {
      kind: 'measurement';
      /** y (measHeight × measWidth; a mask's unobserved pixels read 0). */
      y: Float32Array;
      measHeight: number;
      measWidth: number;
      /** A⁺y on the image grid (what a least-squares inverse gives). */
      pseudoInverse: Float32Array;
    };

/** What an inversion ends with: the regenerated image's error and the latent's statistics (VP coordinates, x_T·s). */
export interface InversionResult {
  rmse: number;
  maxError: number;
  latentMean: number;
  latentStd: number;
}

/** What RePaint ends with: max |x − source| over the kept pixels of every fill. */
export interface InpaintResult {
  maxKeptError: number;
}

/** A mean over test images with the half-width of its 95% t-interval. */
export interface MeanBpd {
  mean: number;
  half: number;
  n: number;
}

/** What an image-likelihood run ends with; bits per dimension throughout. */
export interface ImageLikelihoodResult {
  /** The chosen test image's PF-ODE and bound bits per dimension. */
  image: { ode: number; elbo: number };
  /** Over the `images` (spread over the test set). */
  ode: MeanBpd;
  elbo: MeanBpd;
  images: number[];
  /** The bound's L_T, Σ L_{t−1} and L_0 (means over all images of the run). */
  terms: { lT: number; sum: number; l0: number; evaluated: number };
  probes: number;
  /** Model evaluations (forward and backward) of the ODE per image batch. */
  nfe: number;
  sigmaMin: number;
  sigmaMax: number;
  ms: number;
}

/** What a restoration ends with, per restored image (clipped to [-1, 1]) and on average. */
export interface RestoreResult {
  /** PSNR in dB against the test image (peak-to-peak 2). */
  psnr: number[];
  /** ‖A(x̂) − y‖ (Euclidean, over the measurement). */
  residual: number[];
  meanPsnr: number;
  meanResidual: number;
  /** PSNR of A⁺y: the baseline without a prior. */
  pseudoInversePsnr: number;
  nfe: number;
  /** Wall time of the restoration steps in ms (the model load not included). */
  ms: number;
}
