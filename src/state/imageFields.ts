import { INVERSION_METHODS } from '../core/images/inversion';
import { OPERATORS } from '../core/restore/operators';
import { SOLVER_IDS } from '../core/restore/registry';
import type { Field } from './urlFields';

/** The image models the view offers (manifest ids); `model` also holds the 2D models. */
export const IMAGE_MODELS = ['digits', 'fashion', 'digits-fm'] as const;
export type ImageModelId = (typeof IMAGE_MODELS)[number];

/**
 * The flow-matching models among them (velocity on the rectified flow; the manifest's schedule
 * kind 'flow', which the worker goes by): the view offers the time shift instead of the spacing.
 */
export const FLOW_IMAGE_MODELS: readonly ImageModelId[] = ['digits-fm'];

/** Class indices the URL accepts; a model with fewer classes reports the excess at run time. */
export const CLASS_INDICES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export const IMAGE_PANELS = [
  'grid',
  'noising',
  'inpaint',
  'invert',
  'interp',
  'restore',
  'likelihood',
] as const;
export type ImagePanel = (typeof IMAGE_PANELS)[number];

/**
 * URL fields of the image view (appended to FIELDS). It shares `model`, `sampler`, `sp`,
 * `steps`, `spacing`, `seed` and `t` with the 2D playground.
 */
export const IMAGE_FIELDS = [
  { name: 'panel', kind: 'choice', choices: IMAGE_PANELS, default: 'grid' },
  /** 'all': cell i gets class i mod K; 'uncond': the unconditional model. */
  { name: 'class', kind: 'choice', choices: ['all', 'uncond', ...CLASS_INDICES], default: 'all' },
  { name: 'guidance', kind: 'number', min: 0, max: 10, default: 2 },
  { name: 'count', kind: 'int', min: 1, max: 64, default: 16 },
  { name: 'clip', kind: 'bool', default: true },
  /** The grid cell shown as a filmstrip. */
  { name: 'cell', kind: 'int', min: 0, max: 63, default: 0 },
  /** Index of the test image the noising, inpainting and inversion panels use. */
  { name: 'image', kind: 'int', min: 0, max: 999, default: 0 },
  { name: 'jump', kind: 'int', min: 1, max: 50, default: 5 },
  { name: 'resample', kind: 'int', min: 1, max: 20, default: 5 },
  /** The repaint mask as hex (core/images/mask.ts); empty: the right half. */
  { name: 'mask', kind: 'text', maxLength: 200, default: '' },
  { name: 'invert', kind: 'choice', choices: INVERSION_METHODS, default: 'ddim' },
  { name: 'interp', kind: 'choice', choices: ['noise', 'class'], default: 'noise' },
  { name: 'classb', kind: 'choice', choices: CLASS_INDICES, default: '7' },
  { name: 'seedb', kind: 'int', min: 0, max: 2 ** 31 - 1, default: 1 },
  /** The restore panel: measurement operator, solver, σ_y, blur σ, kept share, η, η_b, ζ. */
  { name: 'op', kind: 'choice', choices: OPERATORS, default: 'sr4' },
  { name: 'solver', kind: 'choice', choices: SOLVER_IDS, default: 'ddrm' },
  { name: 'sigy', kind: 'number', min: 0, max: 1, default: 0.05 },
  { name: 'blur', kind: 'number', min: 0.5, max: 4, default: 1.5 },
  { name: 'keep', kind: 'number', min: 0.05, max: 0.95, default: 0.3 },
  { name: 'reta', kind: 'number', min: 0, max: 1, default: 0.85 },
  { name: 'retab', kind: 'number', min: 0, max: 1, default: 1 },
  { name: 'zeta', kind: 'number', min: 0, max: 10, default: 1 },
  /** The likelihood panel: test images averaged, Hutchinson probes, evaluated terms of the bound. */
  { name: 'lkn', kind: 'int', min: 1, max: 40, default: 8 },
  { name: 'probes', kind: 'int', min: 1, max: 64, default: 1 },
  { name: 'lkterms', kind: 'int', min: 1, max: 999, default: 50 },
] as const satisfies readonly Field[];
