import { useMemo, useRef, useState } from 'react';
import { DISCRETE_DATA } from '../../../core/discrete/datasets';
import { discreteJobFromParams, runShares } from '../../../state/discrete';
import type { DiscreteFrame, DiscreteSampleResult } from '../../../worker/protocol';
import { TokenGrid, type TokenSelection } from '../../discrete/TokenGrid';
import { useDiscreteData } from '../../discrete/useDiscreteData';
import { useWorkerClient } from '../../workerContext';
import type { LinkedFigureProps } from '../figureProps';
import { FigureStepSlider } from '../FigureStepSlider';
import { useFigureRun, type StartRun } from '../useFigureRun';
import '../../discrete/discrete.css';

/**
 * A compact discrete view: one sampling run of the figure's link (data set, model, sampler,
 * steps, count), its sequences as text or 8×8 tiles with each token's state, a step slider, and
 * once done the share of samples that are training sequences.
 */
export function DiscreteFigure(props: LinkedFigureProps) {
  const { chapter, spec, params, question } = props;
  const client = useWorkerClient();
  const { data } = useDiscreteData(params.dset);
  const job = useMemo(() => discreteJobFromParams(params, null).job, [params]);
  const [frames, setFrames] = useState<DiscreteFrame[]>([]);
  const [result, setResult] = useState<DiscreteSampleResult | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  /** A selected token (outlined), moved by the arrow keys: the grid is focusable and scrolls. */
  const [selected, setSelected] = useState<TokenSelection | null>(null);

  const start: StartRun = (end) => {
    const got: DiscreteFrame[] = [];
    setFrames([]);
    setResult(null);
    setChosen(null);
    client.run(job, {
      onFrame: (_s, _n, frame) => {
        got.push(frame);
        setFrames([...got]);
      },
      onDone: (r) => {
        setResult(r);
        end.done();
      },
      onError: end.failed,
      onCancelled: end.cancelled,
    });
    return () => client.cancel();
  };
  const plots = useRef<HTMLDivElement>(null);
  const run = useFigureRun(`${chapter}/${spec.id}`, question, start, plots);

  const last = frames.length - 1;
  const index = chosen === null ? last : Math.min(chosen, last);
  const frame = index >= 0 ? frames[index] : null;
  const shares = result && data?.dataset === job.dataset ? runShares(data, result.x) : null;
  const what = job.dataset === 'names' ? 'names' : 'digits';
  return (
    <FigureStepSlider
      figure={props}
      run={run}
      plotsRef={plots}
      kind="discrete"
      legend={[
        ['masked', 'masked token'],
        ['revealed', 'revealed this step (outlined)'],
      ]}
      last={last}
      step={Math.max(0, index)}
      total={job.steps}
      detail={frame && ` · t = ${frame.t}`}
      onStep={setChosen}
    >
      {frame ? (
        <TokenGrid
          dataset={job.dataset}
          tokens={frame.x}
          states={frame.states}
          kind="reverse"
          selected={selected}
          onSelect={setSelected}
          label={`${frame.x.length / DISCRETE_DATA[job.dataset].L} sequences at step ${index} of ${job.steps}`}
          testId={`figure-${chapter}-${spec.id}-grid`}
        />
      ) : (
        <p className="muted">The sequences appear here when the run starts.</p>
      )}
      {shares && (
        <p className="discrete-shares" data-testid="figure-shares">
          Of {shares.count} {what}: {shares.valid} valid, {shares.inTraining} in the training set,{' '}
          {shares.novel} novel.
        </p>
      )}
    </FigureStepSlider>
  );
}
