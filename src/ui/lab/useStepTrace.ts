import { useMemo } from 'react';
import { traceStep, type StepTrace } from '../../core/lab/stepTrace';
import { cachedExactModel } from '../../core/scene/build';
import type { FrameBuffer } from '../../state/frames';
import type { LaneInfo } from '../../state/labStore';
import { LANE_FRAMES } from './labFrames';
import { useParams } from '../useParams';
import { useSyncedIndex } from './useSyncedFrame';

export interface TraceState {
  lane: number;
  particle: number;
  /** The traced step: from the lane's shown frame to the next (the last step at the end). */
  step: number;
  trace: StepTrace | null;
  error: string | null;
}

/** The fields the trace reads (its selector). */
const SHOWN = ['ldlane', 'ldpart', 'n', 'dataset', 'seed'] as const;

/**
 * The debugger's trace of the picked particle at the step the picked lane shows. A replay of
 * one particle (its x_T and noise elements, core/lab/stepTrace) of at most a few thousand
 * evaluations of one point: cheap enough for the main thread, and a worker run would
 * supersede a running sweep.
 */
export function useStepTrace(lanes: LaneInfo[], clock: FrameBuffer): TraceState {
  const params = useParams(SHOWN);
  const lane = Math.min(params.ldlane, Math.max(0, lanes.length - 1));
  const particle = Math.min(params.ldpart, params.n - 1);
  const shown = useSyncedIndex(LANE_FRAMES[lane], clock);
  const info = lanes[lane];
  const step = info ? Math.min(shown, info.steps - 1) : 0;
  const dataset = params.dataset;
  const seed = params.seed;
  return useMemo(() => {
    if (!info) return { lane, particle, step, trace: null, error: null };
    try {
      const trace = traceStep({
        id: info.id,
        params: info.params,
        grid: info.grid,
        denoise: cachedExactModel(dataset).denoise,
        seed,
        particle,
        step,
      });
      return { lane, particle, step, trace, error: null };
    } catch (e) {
      return { lane, particle, step, trace: null, error: (e as Error).message };
    }
  }, [info, lane, particle, step, dataset, seed]);
}
