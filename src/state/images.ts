import type { InversionMethod } from '../core/images/inversion';
import type { OperatorId } from '../core/restore/operators';
import { solverApplies, type SolverId } from '../core/restore/registry';
import type { RestoreParams } from '../core/restore/solver';
import { decodeSamplerParams } from '../core/samplers/params';
import { requireSampler } from '../core/samplers/registry';
import type { SamplerParams } from '../core/samplers/types';
import type { TimestepSpacing } from '../core/schedules/spacing';
import {
  MAX_IMAGE_STEPS,
  type ClassChoice,
  type GridPlacement,
  type ImageGuide,
} from '../worker/protocol';
import { FLOW_IMAGE_MODELS, IMAGE_MODELS, type ImageModelId, type ImagePanel } from './imageFields';
import { SAMPLER_FIELD_NAMES, samplerParamText } from './samplerFields';
import type { Params } from './fields';

/** The first sampler the view offers when the URL's is an inversion (data → noise). */
const FALLBACK_SAMPLER = 'ddim';

export interface ImageSettings {
  model: ImageModelId;
  /** A flow-matching model (rectified flow): steps placed by the time shift, not the spacing. */
  flow: boolean;
  panel: ImagePanel;
  classChoice: ClassChoice;
  /** URL `guide` (shared with the 2D views): 'classifier' is classifier guidance, else CFG. */
  guide: ImageGuide;
  guidance: number;
  count: number;
  sampler: string;
  samplerParams: SamplerParams;
  steps: number;
  spacing: TimestepSpacing;
  shift: number;
  /** What the jobs get: the field that does not apply to the model held fixed, so it starts no run. */
  placement: GridPlacement;
  seed: number;
  clipX0: boolean;
  cell: number;
  image: number;
  t: number;
  jump: number;
  resample: number;
  mask: string;
  invert: InversionMethod;
  interp: 'noise' | 'class';
  classB: number;
  seedB: number;
  /** The restore panel's measurement and solver (a solver that does not apply is replaced). */
  operator: OperatorId;
  solver: SolverId;
  sigmaY: number;
  blurSigma: number;
  keep: number;
  restoreParams: RestoreParams;
  /** The likelihood panel: test images in the mean, probes per image, terms of the bound. */
  likelihoodImages: number;
  probes: number;
  elboTerms: number;
}

/** The fields the image view's settings are made of (its selector). */
export const IMAGE_PARAMS = [
  'model',
  'sampler',
  ...SAMPLER_FIELD_NAMES,
  'steps',
  'class',
  'spacing',
  'shift',
  'panel',
  'guide',
  'guidance',
  'count',
  'seed',
  'clip',
  'cell',
  'image',
  't',
  'jump',
  'resample',
  'mask',
  'invert',
  'interp',
  'classb',
  'seedb',
  'op',
  'solver',
  'sigy',
  'blur',
  'keep',
  'reta',
  'retab',
  'zeta',
  'lkn',
  'probes',
  'lkterms',
] as const;

/**
 * The image view's settings from the shared URL params. A `model` that is not an image model
 * (the 2D views' 'exact' or 'mlp') means the default image model; more than MAX_IMAGE_STEPS
 * steps run as MAX_IMAGE_STEPS; an inversion sampler is replaced. `notes` says what was
 * adjusted, for the view to show beside its controls (not as notices).
 */
export function imageSettings(p: Pick<Params, (typeof IMAGE_PARAMS)[number]>): {
  settings: ImageSettings;
  notes: string[];
} {
  const notes: string[] = [];
  const model = IMAGE_MODELS.find((m) => m === p.model) ?? IMAGE_MODELS[0];
  let samplerId = p.sampler;
  if (samplerId.endsWith('-inversion')) {
    notes.push(
      `${samplerId} maps images to noise; the grid samples with ${FALLBACK_SAMPLER} (inversion has its own panel)`,
    );
    samplerId = FALLBACK_SAMPLER;
  }
  const def = requireSampler(samplerId);
  const { params, problems } = decodeSamplerParams(
    def,
    samplerId === p.sampler ? samplerParamText(p, 1) : '',
  );
  notes.push(...problems);
  const steps = Math.min(MAX_IMAGE_STEPS, p.steps);
  if (steps < p.steps)
    notes.push(`the image view runs at most ${MAX_IMAGE_STEPS} steps; using ${steps}`);
  const cls = p.class;
  const flow = FLOW_IMAGE_MODELS.includes(model);
  if (flow && samplerId === 'heun')
    notes.push(
      "Heun steps in σ: on the flow's grid its first step spans σ from 999 down to the next level, so at few steps it misses (docs/FLOW.md); Euler or midpoint (process time) are the flow's own rules",
    );
  const solver = solverApplies(p.solver, p.op) ? p.solver : 'ddrm';
  if (solver !== p.solver)
    notes.push(`${p.solver} does not apply to the "${p.op}" measurement; restoring with ddrm`);
  const spacing = p.spacing;
  const shift = p.shift;
  return {
    settings: {
      model,
      flow,
      panel: p.panel,
      classChoice: cls === 'all' || cls === 'uncond' ? cls : Number(cls),
      guide: p.guide === 'classifier' ? 'classifier' : 'cfg',
      guidance: p.guidance,
      count: p.count,
      sampler: samplerId,
      samplerParams: params,
      steps,
      spacing,
      shift,
      placement: flow ? { spacing: 'trailing', shift } : { spacing, shift: 1 },
      seed: p.seed,
      clipX0: p.clip,
      cell: p.cell,
      image: p.image,
      t: p.t,
      jump: p.jump,
      resample: p.resample,
      mask: p.mask,
      invert: p.invert,
      interp: p.interp,
      classB: Number(p.classb),
      seedB: p.seedb,
      operator: p.op,
      solver,
      sigmaY: p.sigy,
      blurSigma: p.blur,
      keep: p.keep,
      restoreParams: { eta: p.reta, etaB: p.retab, zeta: p.zeta },
      likelihoodImages: p.lkn,
      probes: p.probes,
      elboTerms: p.lkterms,
    },
    notes,
  };
}
