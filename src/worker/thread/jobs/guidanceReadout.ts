import { constrainedSamples, pointsInside, shareInside } from '../../../core/guidance/region';
import { slicedWasserstein1 } from '../../../core/metrics/wasserstein';
import { getDataset, sampleMixture } from '../../../core/data';
import { gaussianMixtureModel } from '../../../core/denoisers/gaussianMixture';
import type {
  ClassReadout,
  ClassReadoutJob,
  RegionReadout,
  RegionReadoutJob,
} from '../../protocol/scene';

/** Projections of the sliced distance. */
const PROJECTIONS = 64;

/**
 * The region readout of a finished run: share inside and sliced W1 to exact constrained draws
 * (as many as the particles, seeded by the run's seed) with the floor two independent reference
 * draws give. For a user's point set the reference is its points inside, and the floor 0.
 */
export function regionReadout(job: RegionReadoutJob): RegionReadout {
  const x = Float64Array.from(job.particles);
  const n = x.length / 2;
  const swd = (a: Float64Array, b: Float64Array) =>
    slicedWasserstein1(a, b, { projections: PROJECTIONS, seed: job.seed });
  if (job.data) {
    const reference = pointsInside(job.region, job.data);
    if (reference.length === 0) throw new Error('the region holds none of the drawn points');
    return {
      share: shareInside(job.region, x),
      swd: swd(x, reference),
      floor: 0,
      references: reference.length / 2,
    };
  }
  const dataset = getDataset(job.dataset);
  const draw = (seed: number) =>
    constrainedSamples((m, s) => dataset.sample(m, s), job.region, n, seed);
  const reference = draw(job.seed + 1);
  return {
    share: shareInside(job.region, x),
    swd: swd(x, reference),
    floor: swd(draw(job.seed + 2), reference),
    references: n,
  };
}

/** σ at which the exact classifier labels the final particles (the data's own scale is ~0.1). */
const LABEL_SIGMA = 0.01;

/**
 * The class readout of a finished class-guided run: agreement of the exact mixture classifier
 * with the class, and sliced W1 to exact draws of the class-conditional component N(μ_k, C_k).
 */
export function classReadout(job: ClassReadoutJob): ClassReadout {
  const mixture = getDataset(job.dataset).mixture;
  if (!mixture) throw new Error(`${job.dataset} has no classes (it is not a Gaussian mixture)`);
  const K = mixture.weights.length;
  if (!(job.classId >= 0 && job.classId < K))
    throw new Error(`class ${job.classId} is not a component 0..${K - 1} of ${job.dataset}`);
  const x = Float64Array.from(job.particles);
  const n = x.length / 2;
  const r = gaussianMixtureModel(mixture).responsibilities(x, LABEL_SIGMA);
  let agree = 0;
  for (let p = 0; p < n; p++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (r[p * K + k] > r[p * K + best]) best = k;
    if (best === job.classId) agree++;
  }
  const component = {
    weights: [1],
    means: [mixture.means[job.classId]],
    covs: [mixture.covs[job.classId]],
  };
  const swd = (a: Float64Array, b: Float64Array) =>
    slicedWasserstein1(a, b, { projections: PROJECTIONS, seed: job.seed });
  const reference = sampleMixture(component, n, job.seed + 1);
  return {
    agreement: agree / n,
    swd: swd(x, reference),
    floor: swd(sampleMixture(component, n, job.seed + 2), reference),
    references: n,
  };
}
