import type { Field } from './urlFields';

/** URL fields of the image view (appended to FIELDS). */
export const IMAGE_FIELDS: readonly Field[] = [];
