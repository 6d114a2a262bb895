import { gridPoints } from '../../../core/metrics/squareGrid';
import { cachedExactModel, makeProcess } from '../../../core/scene/build';
import { resamplePoints } from '../../../core/data/custom';
import { empiricalModel } from '../../../core/denoisers/empirical';
import {
  forwardPoints,
  noisePoints,
  noisedLogDensity,
  timeAtFraction,
} from '../../../core/scene/forward';
import type { ForwardJob } from '../../protocol';
import type { JobContext } from './context';
import { viewExtent } from './scene';

/** One forward-noising frame: the noised particles and the exact log-density on a grid. */
export async function runForward(job: ForwardJob, ctx: JobContext): Promise<Float32Array> {
  const s = job.settings;
  const process = makeProcess(s);
  const t = timeAtFraction(process, job.t);
  const sigma = process.sigma(t);
  const scale = process.scale(t);
  const extent = viewExtent(scale, sigma);
  const points = job.data
    ? noisePoints(resamplePoints(job.data, s.particles, s.seed), s.seed, process, t)
    : forwardPoints(s.dataset, s.particles, s.seed, process, t);
  const grid = gridPoints({ size: job.densitySize, extent });
  const model = job.data ? empiricalModel(job.data) : cachedExactModel(s.dataset);
  const logp = noisedLogDensity(model, grid, process, t);
  const data = new Float32Array(points.length + logp.length);
  data.set(points);
  data.set(logp, points.length);
  ctx.emit(0, 1, data, { sigma, t, scale, nfe: 0, ms: 0, extent, lane: 0 });
  return new Float32Array(0);
}
