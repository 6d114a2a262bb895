import { useState } from 'react';
import { DISCRETE_DATA } from '../../core/discrete/datasets';
import { runShares } from '../../state/discrete';
import type { DiscreteData } from '../../state/discreteData';
import { DiscreteExport } from './DiscreteExport';
import { ProbeTable } from './ProbeTable';
import { TokenGrid, type TokenSelection } from './TokenGrid';
import type { DiscreteRunView } from './useDiscreteRun';
import { useDiscreteProbe } from './useDiscreteProbe';

const percent = (k: number, n: number) => `${n ? ((100 * k) / n).toFixed(1) : '0'}%`;

/** Memorisation: how many samples are valid, copies of training sequences, or new. */
function Shares({
  data,
  samples,
  model,
}: {
  data: DiscreteData;
  samples: Int32Array;
  model: string;
}) {
  const s = runShares(data, samples);
  const what = data.dataset === 'names' ? 'names' : 'digits';
  return (
    <p className="discrete-shares" data-testid="discrete-shares">
      Of {s.count} {what}: {s.valid} valid ({percent(s.valid, s.count)}), {s.inTraining} in the
      training set ({percent(s.inTraining, s.count)}), {s.novel} novel ({percent(s.novel, s.count)}
      ).{' '}
      <span className="muted">
        {model === 'exact'
          ? 'Revealing one token per step, the exact model samples the training set itself; a step that reveals several draws them independently from their marginals, which can combine into sequences that are not in it.'
          : 'A network that generalises makes valid sequences that are not copies of its training set.'}
      </span>
    </p>
  );
}

/**
 * The reverse run step by step: every sequence's tokens with their states at the chosen frame, a
 * step scrubber that follows the run until moved, the selected token's candidates under both
 * models, and the memorisation shares once the run ends.
 */
export function ReversePanel({ run, data }: { run: DiscreteRunView; data: DiscreteData | null }) {
  const { job, frames, result, error, running } = run;
  const [chosen, setChosen] = useState<number | null>(null);
  const [picked, setSelected] = useState<TokenSelection | null>(null);
  const [jobKey, setJobKey] = useState(job);
  if (jobKey !== job) {
    // A new run starts at its newest frame again (React's "adjust state on prop change").
    setJobKey(job);
    setChosen(null);
  }
  const last = frames.length - 1;
  const index = chosen === null ? last : Math.min(chosen, last);
  const frame = index >= 0 ? frames[index] : null;
  const { L } = DISCRETE_DATA[job.dataset];
  const count = frame ? frame.x.length / L : 0;
  const selected = picked && picked.sequence < count && picked.position < L ? picked : null;
  const probe = useDiscreteProbe(job, frame, selected);
  const modelName = job.model === 'exact' ? 'exact denoiser' : job.model;
  return (
    <section className="discrete-panel" aria-labelledby="discrete-reverse-title">
      <h2 id="discrete-reverse-title" className="panel-title">
        Reverse sampling{' '}
        <span className="muted" data-testid="discrete-reverse-info" data-running={running}>
          · {modelName} · {job.sampler} · step {Math.max(0, index)} of {job.steps}
          {frame && ` · t = ${frame.t} · NFE ${frame.nfe}`}
          {result && ` · ${result.wallTimeMs.toFixed(0)} ms`}
        </span>
      </h2>
      {error && (
        <p className="control-error" role="alert" data-testid="discrete-error">
          {error}
        </p>
      )}
      <div className="discrete-scrubber">
        <label className="control">
          <span className="control-label">Step</span>
          <input
            type="range"
            min={0}
            max={Math.max(0, last)}
            step={1}
            value={Math.max(0, index)}
            disabled={last < 1}
            aria-label="Reverse step"
            data-testid="discrete-step"
            onChange={(e) => {
              const v = Number(e.target.value);
              setChosen(v >= last && running ? null : v);
            }}
          />
        </label>
        <DiscreteExport job={job} result={result} />
        {chosen !== null && (
          <button type="button" onClick={() => setChosen(null)} data-testid="discrete-latest">
            Latest step
          </button>
        )}
      </div>
      <div className="discrete-reverse-body">
        {frame ? (
          <TokenGrid
            dataset={job.dataset}
            tokens={frame.x}
            states={frame.states}
            kind="reverse"
            label={`${count} sequences at step ${index} of ${job.steps}`}
            selected={selected}
            onSelect={setSelected}
            testId="discrete-reverse-grid"
          />
        ) : (
          <p className="muted" role="status">
            {error ? 'No run.' : 'Starting the run…'}
          </p>
        )}
        <ProbeTable dataset={job.dataset} selected={selected} probe={probe} t={frame?.t ?? 0} />
      </div>
      {result && data && data.dataset === job.dataset && (
        <Shares data={data} samples={result.x} model={job.model} />
      )}
    </section>
  );
}
