import { useEffect, useState } from 'react';
import { DISCRETE_DATA } from '../../core/discrete/datasets';
import { DISCRETE_NETWORKS } from '../../state/discrete';
import type { DiscreteFrame, DiscreteProbe, DiscreteSampleJob } from '../../worker/protocol';
import { useWorkerClient } from '../workerContext';
import type { TokenSelection } from './TokenGrid';

export type ProbeState =
  | { state: 'none' }
  | { state: 'waiting' }
  | { state: 'done'; probe: DiscreteProbe; L: number; K: number }
  | { state: 'error'; error: string };

/**
 * Both models' p̂(x₀ | x_t) for the selected sequence at a frame: the prediction the next step
 * draws from. Asked of the worker outside the run queue, so sampling goes on meanwhile.
 */
export function useDiscreteProbe(
  job: DiscreteSampleJob,
  frame: DiscreteFrame | null,
  selected: TokenSelection | null,
): ProbeState {
  const client = useWorkerClient();
  const [answer, setAnswer] = useState<{ key: string; probe: ProbeState } | null>(null);
  const { L, levels } = DISCRETE_DATA[job.dataset];
  const sequence = selected?.sequence ?? -1;
  const xt = frame && sequence >= 0 ? frame.x.slice(sequence * L, sequence * L + L) : null;
  const key = xt && frame && frame.t > 0 ? `${frame.t}:${xt.join(',')}` : '';
  const { dataset, classId, guidance, fixed } = job;
  useEffect(() => {
    if (!key) return;
    const [t, tokens] = key.split(':');
    let live = true;
    client
      .discreteProbe({
        dataset,
        network: DISCRETE_NETWORKS[dataset],
        ...(classId === undefined ? {} : { classId, guidance: guidance ?? 1 }),
        ...(fixed ? { fixed: fixed.slice() } : {}),
        xt: Int32Array.from(tokens.split(','), Number),
        t: Number(t),
      })
      .then(
        (probe) => live && setAnswer({ key, probe: { state: 'done', probe, L, K: levels + 1 } }),
        (e: Error) => live && setAnswer({ key, probe: { state: 'error', error: e.message } }),
      );
    return () => {
      live = false;
    };
  }, [client, key, dataset, classId, guidance, fixed, L, levels]);
  if (!key) return { state: 'none' };
  return answer?.key === key ? answer.probe : { state: 'waiting' };
}
