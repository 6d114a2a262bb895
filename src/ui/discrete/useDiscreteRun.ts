import { useEffect, useMemo, useState } from 'react';
import { DISCRETE_RUN_PARAMS, discreteJobFromParams } from '../../state/discrete';
import type { DiscreteData } from '../../state/discreteData';
import { useStore } from '../../state/store';
import type { DiscreteFrame, DiscreteSampleJob, DiscreteSampleResult } from '../../worker/protocol';
import { useParams } from '../useParams';
import { useWorkerClient } from '../workerContext';

/** A sampling run as the view shows it: its job, the frames so far and, once done, its result. */
export interface DiscreteRunView {
  job: DiscreteSampleJob;
  frames: readonly DiscreteFrame[];
  result: DiscreteSampleResult | null;
  error: string | null;
  /** Whether frames are still arriving. */
  running: boolean;
}

type RunState = Omit<DiscreteRunView, 'job'> & { key: string };
const IDLE = { frames: [], result: null, error: null, running: false };

/**
 * One sampling run per change of what it depends on (by value). Digits infilling waits for the
 * data (its template digit); the URL's problems are reported once per distinct text.
 */
export function useDiscreteRun(data: DiscreteData | null): DiscreteRunView {
  const client = useWorkerClient();
  const ready = useStore((s) => s.backend !== null);
  const params = useParams(DISCRETE_RUN_PARAMS);
  const usable = data?.dataset === params.dset ? data : null;
  const waiting = params.dset === 'digits' && params.dpaint !== '' && !usable;
  const { job, problems } = useMemo(() => discreteJobFromParams(params, usable), [params, usable]);
  const problemText = problems.join('\n');
  useEffect(() => {
    if (problemText) for (const p of problemText.split('\n')) useStore.getState().notify(p);
  }, [problemText]);

  const key = JSON.stringify({ ...job, fixed: job.fixed && Array.from(job.fixed) });
  const [run, setRun] = useState<RunState>({ key: '', ...IDLE });
  useEffect(() => {
    if (!ready || waiting) return;
    const { fixed, ...rest } = JSON.parse(key) as Omit<DiscreteSampleJob, 'fixed'> & {
      fixed?: number[];
    };
    const next: DiscreteSampleJob = {
      ...rest,
      ...(fixed ? { fixed: Int32Array.from(fixed) } : {}),
    };
    const { setRun: setRunState } = useStore.getState();
    const frames: DiscreteFrame[] = [];
    const update = (change: Partial<RunState>) =>
      setRun((r) => ({ ...(r.key === key ? r : { key, ...IDLE, running: true }), ...change }));
    // Frames that arrive within one display frame are drawn once (a fast run posts bursts).
    let drawPending = false;
    const drawFrames = () => {
      drawPending = false;
      update({ frames: [...frames] });
    };
    setRunState('running');
    client.run(next, {
      onFrame: (_step, _total, frame) => {
        frames.push(frame);
        if (drawPending) return;
        drawPending = true;
        requestAnimationFrame(drawFrames);
      },
      onDone: (result) => {
        update({ frames: [...frames], result, running: false });
        setRunState('done');
      },
      onCancelled: () => update({ running: false }),
      onError: (message) => {
        update({ error: message, running: false });
        setRunState('error', { error: message });
      },
    });
  }, [client, ready, key, waiting]);

  // Until the new run's first frame, the view shows an empty run that is starting.
  const current = run.key === key ? run : { ...IDLE, running: true };
  return { job, ...current };
}
