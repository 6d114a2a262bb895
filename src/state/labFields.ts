import type { Field } from './urlFields';

/** URL fields of the lab view (appended to FIELDS). */
export const LAB_FIELDS: readonly Field[] = [];
