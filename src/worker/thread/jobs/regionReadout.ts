import { getDataset } from '../../../core/data';
import { constrainedSamples, pointsInside, shareInside } from '../../../core/guidance/region';
import { slicedWasserstein1 } from '../../../core/metrics/wasserstein';
import type { RegionReadout, RegionReadoutJob } from '../../protocol/scene';

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
