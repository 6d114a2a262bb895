import { MANIFOLD_IDS } from '../core/manifold/manifolds';
import { MANIFOLD_MODELS } from '../worker/protocol/manifold';
import type { Field } from './urlFields';

/** URL fields of the manifold view (appended to FIELDS); the seed is the app's `seed`. */
export const MANIFOLD_FIELDS = [
  { name: 'manifold', kind: 'choice', choices: MANIFOLD_IDS, default: 'sphere' },
  /** The data set; one of the other manifold's is replaced by this one's first (with a note). */
  {
    name: 'mdata',
    kind: 'choice',
    choices: ['cities', 'vmf', 'wrapped', 'dihedral'],
    default: 'cities',
  },
  /** Cities drawn in proportion to population (else the largest 800 once each). */
  { name: 'mweight', kind: 'bool', default: true },
  { name: 'msteps', kind: 'int', min: 10, max: 300, default: 40 },
  { name: 'mpart', kind: 'int', min: 50, max: 2000, default: 200 },
  { name: 'msolver', kind: 'choice', choices: ['heun', 'euler'], default: 'heun' },
  /** The score and velocity: exact, or the shipped networks (rsgm-<data>, rfm-<data>). */
  { name: 'mmodel', kind: 'choice', choices: MANIFOLD_MODELS, default: 'exact' },
  /** Forward scrubber and reverse scrubber, fractions of each run's steps. */
  { name: 'mt', kind: 'number', min: 0, max: 1, default: 0.5 },
  { name: 'mstep', kind: 'number', min: 0, max: 1, default: 1 },
  { name: 'mfield', kind: 'bool', default: true },
  /** The globe's view centre (degrees), set by dragging. */
  { name: 'mlon', kind: 'number', min: -180, max: 180, default: 10 },
  { name: 'mlat', kind: 'number', min: -90, max: 90, default: 25 },
] as const satisfies readonly Field[];
