import { BACKENDS } from '../worker/protocol';
import type { Field } from './urlFields';

/** Every URL-addressable parameter of the app. */
export const FIELDS: readonly Field[] = [
  { name: 'backend', kind: 'choice', choices: ['auto', ...BACKENDS], default: 'auto' },
];
