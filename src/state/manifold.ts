import type { Params } from './fields';
import { MANIFOLD_DATA, type ManifoldJob } from '../worker/protocol';

/** The fields the manifold job is made of (the view's selector). */
export const MANIFOLD_PARAMS = [
  'manifold',
  'mdata',
  'mweight',
  'msteps',
  'mpart',
  'msolver',
  'seed',
] as const;

/**
 * The job the URL describes, and a note when the data set belongs to the other manifold (it is
 * replaced by this manifold's first data set).
 */
export function manifoldJobFromParams(p: Pick<Params, (typeof MANIFOLD_PARAMS)[number]>): {
  job: ManifoldJob;
  note: string | null;
} {
  const choices: readonly string[] = MANIFOLD_DATA[p.manifold];
  const fits = choices.includes(p.mdata);
  const data = (fits ? p.mdata : choices[0]) as ManifoldJob['data'];
  return {
    job: {
      kind: 'manifold',
      manifold: p.manifold,
      data,
      weighted: p.mweight,
      steps: p.msteps,
      particles: p.mpart,
      seed: p.seed,
      heun: p.msolver === 'heun',
    },
    note: fits ? null : `The data set ${p.mdata} lives on the other manifold; showing ${data}.`,
  };
}
