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
  'mmodel',
  'seed',
] as const;

/**
 * The job the URL describes, and a note when the data set belongs to the other manifold (it is
 * replaced by this manifold's first data set) or the networks have no model of it (unweighted
 * cities: the exact models run).
 */
export function manifoldJobFromParams(p: Pick<Params, (typeof MANIFOLD_PARAMS)[number]>): {
  job: ManifoldJob;
  note: string | null;
} {
  const choices: readonly string[] = MANIFOLD_DATA[p.manifold];
  const fits = choices.includes(p.mdata);
  const data = (fits ? p.mdata : choices[0]) as ManifoldJob['data'];
  // The networks learnt population-weighted cities: the largest cities once each have none.
  const unweighted = p.mmodel === 'network' && data === 'cities' && !p.mweight;
  const notes = [
    fits ? null : `The data set ${p.mdata} lives on the other manifold; showing ${data}.`,
    unweighted
      ? 'The networks were trained on population-weighted cities; unweighted cities run on the exact models.'
      : null,
  ].filter((n) => n !== null);
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
      model: unweighted ? 'exact' : p.mmodel,
    },
    note: notes.length > 0 ? notes.join(' ') : null,
  };
}
