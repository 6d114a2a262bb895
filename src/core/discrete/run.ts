import { runToEnd } from '../samplers/driver';
import type { SamplerParams, SamplerRun } from '../samplers/types';
import type {
  DiscreteContext,
  TimestepGrid,
  DiscreteSamplerDef,
  DiscreteStepResult,
} from './samplers/types';

/** Token arrays are plain Int32Arrays: the garbage collector frees them, so no memory care. */
const plainTokens = { scoped: <V>(fn: () => V) => fn(), release: () => {} };

/**
 * Run a discrete sampler over its whole grid from x_T, through the one sampling loop
 * (samplers/driver). `onStep` sees every step's result (step i ends at timesteps[i + 1]).
 */
export function runDiscrete<P extends SamplerParams>(
  def: DiscreteSamplerDef<P>,
  ctx: DiscreteContext,
  grid: TimestepGrid,
  params: P,
  xT: Int32Array,
  onStep?: (i: number, result: DiscreteStepResult) => void,
): { x: Int32Array; nfe: number } {
  const discrete = def.create(ctx, grid, params);
  // The driver sees the new tokens as both the state and the x0 estimate; onStep sees the rest.
  let last: DiscreteStepResult | null = null;
  const run: SamplerRun<Int32Array> = {
    step: (x, i) => {
      last = discrete.step(x, i);
      return { x: last.x, x0: last.x, nfe: last.nfe };
    },
    history: () => [],
  };
  return runToEnd({
    care: plainTokens,
    run,
    steps: grid.timesteps.length - 1,
    x: xT,
    frame: (i) => onStep?.(i, last!),
  });
}
