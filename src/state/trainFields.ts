import type { Field } from './urlFields';

/** URL fields of the train view (appended to FIELDS). */
export const TRAIN_FIELDS: readonly Field[] = [];
