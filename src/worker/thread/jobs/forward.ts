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
import type { ForwardFrame, ForwardJob } from '../../protocol';
import type { JobContext } from './context';
import { viewExtent } from './scene';

/** One forward-noising frame: the noised particles and the exact log-density on a grid. */
export async function runForward(job: ForwardJob, ctx: JobContext<ForwardFrame>): Promise<null> {
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
  const frame: ForwardFrame = {
    x: Float32Array.from(points),
    logp: Float32Array.from(noisedLogDensity(model, grid, process, t)),
  };
  ctx.emit(0, 1, frame, { sigma, t, scale, nfe: 0, ms: 0, extent, lane: 0 });
  return null;
}
