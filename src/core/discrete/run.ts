import type { SamplerParams } from '../samplers/types';
import type {
  DiscreteContext,
  TimestepGrid,
  DiscreteSamplerDef,
  DiscreteStepResult,
} from './samplers/types';

/**
 * Run a discrete sampler over its whole grid from x_T: the one loop over steps in
 * src/core/discrete. `onStep` sees every step's result (step i ends at timesteps[i + 1]).
 */
export function runDiscrete<P extends SamplerParams>(
  def: DiscreteSamplerDef<P>,
  ctx: DiscreteContext,
  grid: TimestepGrid,
  params: P,
  xT: Int32Array,
  onStep?: (i: number, result: DiscreteStepResult) => void,
): { x: Int32Array; nfe: number } {
  const run = def.create(ctx, grid, params);
  let x = xT;
  let nfe = 0;
  for (let i = 0; i < grid.timesteps.length - 1; i++) {
    const result = run.step(x, i);
    onStep?.(i, result);
    x = result.x;
    nfe += result.nfe;
  }
  return { x, nfe };
}
