import type { Field } from './urlFields';

/**
 * URL fields of flow matching (appended to FIELDS): the time shift of the flow process, used by
 * every view, and the mesh view's own sizes.
 */
export const FLOW_FIELDS = [
  { name: 'shift', kind: 'number', min: 0.1, max: 10, default: 1 },
  { name: 'mlines', kind: 'int', min: 3, max: 41, default: 13 },
  { name: 'mn', kind: 'int', min: 16, max: 2000, default: 256 },
] as const satisfies readonly Field[];
