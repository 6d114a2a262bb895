import type { Field } from './urlFields';

/** Regions a 2D run can be constrained to (core/guidance/region.ts); 'none' leaves it free. */
export const REGION_KINDS = ['none', 'half', 'disc'] as const;

/** Guidance to a class of a Gaussian-mixture data set (its component); the scale is `guidance`. */
export const GUIDES = ['none', 'cfg', 'classifier'] as const;

/**
 * URL fields of the 2D playground's region constraint (appended to FIELDS): the half-plane
 * {x : ⟨n, x⟩ ≥ roff} with n at angle `rang` (degrees), or the disc of centre (rcx, rcy) and
 * radius `rrad`; `rzeta` scales the networks' reconstruction guidance. `guide` guides to the
 * class `gclass` at the scale `guidance` (the image view's field).
 */
export const GUIDANCE_FIELDS = [
  { name: 'region', kind: 'choice', choices: REGION_KINDS, default: 'none' },
  { name: 'rang', kind: 'number', min: -180, max: 180, default: 0 },
  { name: 'roff', kind: 'number', min: -3, max: 3, default: 0.5 },
  { name: 'rcx', kind: 'number', min: -3, max: 3, default: 1 },
  { name: 'rcy', kind: 'number', min: -3, max: 3, default: 0 },
  { name: 'rrad', kind: 'number', min: 0.05, max: 3, default: 0.7 },
  { name: 'rzeta', kind: 'number', min: 0, max: 10, default: 1 },
  { name: 'guide', kind: 'choice', choices: GUIDES, default: 'none' },
  /** The class (mixture component) guided to: 0..7 on gaussians8, 0..24 on gaussians25. */
  { name: 'gclass', kind: 'int', min: 0, max: 24, default: 0 },
] as const satisfies readonly Field[];
