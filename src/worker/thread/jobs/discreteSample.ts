import { initialBatch, runDiscreteBatchAsync } from '../../../core/discrete/batch';
import { DISCRETE_T } from '../../../core/discrete/datasets';
import { timestepGrid, tokenStates } from '../../../core/discrete/sampling';
import { resolveDiscreteSampler } from '../../../core/discrete/samplers/registry';
import {
  type DiscreteFrame,
  type DiscreteSampleJob,
  type DiscreteSampleResult,
  MAX_DISCRETE_COUNT,
} from '../../protocol/discrete';
import { type JobContext, yieldToMessages } from './context';
import { discreteModel } from './discreteModels';
import { checkRange } from './imagesSample';

/**
 * Reverse sampling of `count` sequences in one batch (core's runDiscreteBatchAsync: one model
 * evaluation a step for all of them, read back asynchronously for a network), streaming x_T and
 * every step's tokens and token states. Null when cancelled.
 */
export async function runDiscreteSample(
  job: DiscreteSampleJob,
  ctx: JobContext<DiscreteFrame>,
): Promise<DiscreteSampleResult | null> {
  const { def, params } = resolveDiscreteSampler(job.sampler, job.params);
  checkRange('steps', job.steps, 1, DISCRETE_T);
  checkRange('the number of samples', job.count, 1, MAX_DISCRETE_COUNT);
  checkRange('the seed', job.seed, 0, 2 ** 32 - 1);
  const model = await discreteModel(job, ctx);
  const { process, L } = model;
  const { fixed, count, seed } = job;
  const grid = { timesteps: timestepGrid(DISCRETE_T, job.steps) };
  const ts = grid.timesteps;
  const xT = initialBatch(process, L, count, seed, fixed);
  const states = new Uint8Array(count * L);
  for (let j = 0; j < count; j++) {
    const x = xT.subarray(j * L, j * L + L);
    states.set(tokenStates(x, x, process.mask, fixed), j * L);
  }
  ctx.emit(0, job.steps, { x: xT, states, t: ts[0], nfe: 0 });
  const t0 = performance.now();
  const done = await runDiscreteBatchAsync(
    {
      def,
      params,
      process,
      grid,
      L,
      count,
      seed,
      ...(fixed ? { fixed } : {}),
      denoise: model.denoise,
      ...(model.denoiseAsync ? { denoiseAsync: model.denoiseAsync } : {}),
    },
    { isCancelled: () => ctx.isCancelled(), between: yieldToMessages },
    async (i, step) => {
      // The run keeps step.x as the next step's input; the frame's copy is transferred.
      ctx.emit(i + 1, job.steps, {
        x: step.x.slice(),
        states: step.states,
        t: ts[i + 1],
        nfe: step.nfe,
      });
    },
  );
  if (!done) return null;
  return { x: done.x, nfe: done.nfe, wallTimeMs: performance.now() - t0 };
}
