import type { ConsistencyParams } from '../core/denoisers/consistency';

/**
 * public/models/manifest.json: every shipped model, with the size and SHA-256 of each of
 * its files so the loader can refuse a truncated or altered download. Regenerate it with
 * `npx tsx scripts/build-manifest.ts` after changing anything under public/models.
 */
export type ModelKind =
  | 'mlp2d'
  | 'manifold-mlp'
  | 'unet'
  | 'classifier'
  | 'noisy-classifier'
  | 'transformer'
  | 'autoencoder';

/**
 * What a network predicts: a diffusion parameterisation, (flow models) the velocity ε − x0, or
 * (consistency models) the F of f = c_skip·x + c_out·F (core/denoisers/consistency.ts).
 */
export type Parameterisation = 'eps' | 'x0' | 'v' | 'score' | 'velocity' | 'consistency';

/**
 * How a distilled student samples: the sampler it was distilled for ('ddim' for progressive
 * distillation, 'consistency' for a consistency model) and its σ grid (descending, ending in 0)
 * for each step count it supports, keyed by the step count.
 */
export interface StudentSampling {
  sampler: string;
  grids: Record<string, number[]>;
}

/**
 * The training process. A discrete VP schedule (`kind` names the beta schedule, e.g. 'linear'):
 * the network's time input is the timestep t ∈ [0, T − 1]. Kind 'flow' (FlowScheduleSpec):
 * rectified flow, the time input is T·τ.
 */
export interface DiscreteScheduleSpec {
  kind: string;
  T: number;
  beta_start?: number;
  beta_end?: number;
}

/** Rectified flow x_τ = (1 − τ)x0 + τε, τ ∈ [0, 1]: the network's time input is T·τ. */
export interface FlowScheduleSpec extends DiscreteScheduleSpec {
  kind: 'flow';
}

export function isFlowSchedule(spec: DiscreteScheduleSpec): spec is FlowScheduleSpec {
  return spec.kind === 'flow';
}

export interface ModelFile {
  /** Relative to public/models/. */
  path: string;
  bytes: number;
  /** Lower-case hex SHA-256 of the file's bytes. */
  sha256: string;
  /** 'model': model.json; 'weights': a file its weightsManifest names; 'data': anything else shipped. */
  role: 'model' | 'weights' | 'data';
}

export interface ModelEntry {
  id: string;
  kind: ModelKind;
  dataset: string;
  inputShape: number[];
  /** Class names of a class-conditional model or a classifier. */
  classes?: string[];
  parameterisation?: Parameterisation;
  schedule?: DiscreteScheduleSpec;
  /** Distilled students only: the sampler and grids they run with. */
  sampling?: StudentSampling;
  /** Consistency models only: σ_min and σ_data of their coefficients. */
  consistency?: ConsistencyParams;
  /** model.json first, then its weight files, then any other data the model ships. */
  files: ModelFile[];
  licence: string;
  source: string;
  /** The model card (README.md), relative to public/models/. */
  card: string;
}

export interface ModelManifest {
  version: 1;
  models: ModelEntry[];
}

/** The JSON the exporters write next to the weights (the tfjs weights-manifest format plus our keys). */
export interface ModelJson {
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
  architecture?: { kind: string } & Record<string, unknown>;
  modelTopology?: { kind: string } & Record<string, unknown>;
  diffusion?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool';
  quantization?: { dtype: 'float16' | 'uint8' | 'uint16'; original_dtype?: string };
}

/** Bytes one tensor occupies in the weights file, quantisation included. */
export function weightBytes(spec: WeightSpec): number {
  const count = spec.shape.reduce((a, b) => a * b, 1);
  const q = spec.quantization?.dtype;
  const per =
    q === 'float16' || q === 'uint16' ? 2 : q === 'uint8' ? 1 : spec.dtype === 'bool' ? 1 : 4;
  return count * per;
}

export function findModel(manifest: ModelManifest, id: string): ModelEntry {
  const entry = manifest.models.find((m) => m.id === id);
  if (!entry) {
    throw new Error(
      `model "${id}" is not in the manifest; known: ${manifest.models.map((m) => m.id).join(', ')}`,
    );
  }
  return entry;
}
