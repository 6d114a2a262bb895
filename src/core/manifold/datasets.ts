import {
  citiesOnSphere,
  DIHEDRAL_MIXTURE,
  parseCities,
  sampleVmfMixture,
  sampleWrappedMixture,
  VMF_MIXTURE,
  WRAPPED_MIXTURE,
} from '../data/manifoldData';
import { fromLatLon } from './sphere';

/** The data seed: data sets are fixed (the run's seed only draws noise). */
const DATA_SEED = 20;

/**
 * The point set a manifold data set conditions on (`points` rows): cities from the parsed
 * public/data/cities.json text (the `points` largest, or `points` population-weighted draws),
 * or `points` draws of a mixture.
 */
export function manifoldPoints(
  data: 'cities' | 'vmf' | 'wrapped' | 'dihedral',
  points: number,
  weighted: boolean,
  citiesText?: string,
): Float64Array {
  switch (data) {
    case 'cities': {
      if (citiesText === undefined) throw new Error('cities: the data file was not loaded');
      const cities = parseCities(citiesText);
      if (weighted) return citiesOnSphere(cities, true, points, DATA_SEED);
      return Float64Array.from(cities.slice(0, points).flatMap((c) => fromLatLon(c.lat, c.lon)));
    }
    case 'vmf':
      return sampleVmfMixture(VMF_MIXTURE, points, DATA_SEED);
    case 'wrapped':
      return sampleWrappedMixture(WRAPPED_MIXTURE, points, DATA_SEED);
    case 'dihedral':
      return sampleWrappedMixture(DIHEDRAL_MIXTURE, points, DATA_SEED);
  }
}
