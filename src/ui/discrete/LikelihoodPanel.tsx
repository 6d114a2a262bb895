import { memo, useState } from 'react';
import { AR_NETWORK, DISCRETE_NETWORKS, namesLikelihoodJob } from '../../state/discrete';
import type { DiscreteLikelihoodFrame, DiscreteLikelihoodResult } from '../../worker/protocol';
import { Tip } from '../controls/Tip';
import { useWorkerClient } from '../workerContext';
import { DISCRETE_TEX } from './discreteHelp';

const NAMES = 200;
const SAMPLES = 16;

type State =
  | { state: 'idle' }
  | { state: 'running'; frame: DiscreteLikelihoodFrame | null }
  | { state: 'done'; result: DiscreteLikelihoodResult }
  | { state: 'stopped'; message: string };

/**
 * Likelihood on held-out names: the masked-diffusion network's ELBO (an upper bound on its NLL)
 * beside the autoregressive model's exact NLL, and the exact model's bound against its true NLL
 * on its own training names. Runs on request: it takes the worker from the sampling run.
 */
export const LikelihoodPanel = memo(function LikelihoodPanel() {
  const client = useWorkerClient();
  const [s, setS] = useState<State>({ state: 'idle' });
  const start = () => {
    setS({ state: 'running', frame: null });
    client.run(namesLikelihoodJob(NAMES, SAMPLES), {
      onFrame: (_step, _total, frame) => setS({ state: 'running', frame }),
      onDone: (result) =>
        setS(result ? { state: 'done', result } : { state: 'stopped', message: 'Stopped.' }),
      onCancelled: () => setS({ state: 'stopped', message: 'Stopped by another run.' }),
      onError: (message) => setS({ state: 'stopped', message }),
    });
  };
  const bits = (b: number) => b.toFixed(3);
  return (
    <section className="discrete-panel" aria-labelledby="discrete-likelihood-title">
      <h2 id="discrete-likelihood-title" className="panel-title">
        Likelihood in bits per character
      </h2>
      <p className="muted">
        {NAMES} held-out names, letters plus one END per name; the ELBO with {SAMPLES} stratified
        times per name.
      </p>
      <button
        type="button"
        onClick={start}
        disabled={s.state === 'running'}
        data-testid="discrete-likelihood-run"
      >
        {s.state === 'running'
          ? `Scoring… ${s.frame ? `${s.frame.done} of ${NAMES}` : ''}`
          : 'Score the held-out names'}
      </button>
      {s.state === 'stopped' && (
        <p className="muted" role="status">
          {s.message}
        </p>
      )}
      {s.state === 'done' && (
        <table className="likelihood-table" data-testid="discrete-likelihood">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Names</th>
              <th scope="col">Bits per character</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>
                {DISCRETE_NETWORKS.names}: MDLM negative ELBO <Tip tex={DISCRETE_TEX.elbo} />
              </td>
              <td>{s.result.names} held out</td>
              <td data-testid="likelihood-elbo">
                ≤ {bits(s.result.elboBitsPerChar)} ± {bits(s.result.elboStderr)}
              </td>
            </tr>
            <tr>
              <td>
                {AR_NETWORK}: autoregressive NLL <Tip tex={DISCRETE_TEX.ar} />
              </td>
              <td>{s.result.names} held out</td>
              <td data-testid="likelihood-ar">{bits(s.result.arBitsPerChar)}</td>
            </tr>
            <tr>
              <td>Exact denoiser: NLL</td>
              <td>{s.result.names} held out</td>
              <td>∞ (no held-out name is in its training set)</td>
            </tr>
            <tr>
              <td>Exact denoiser: negative ELBO, true NLL</td>
              <td>{s.result.exactTrain.names} training</td>
              <td data-testid="likelihood-exact">
                {bits(s.result.exactTrain.elboBitsPerChar)},{' '}
                {bits(s.result.exactTrain.nllBitsPerChar)} (gap ±
                {bits(s.result.exactTrain.gapStderr)})
              </td>
            </tr>
          </tbody>
        </table>
      )}
      {s.state === 'done' && (
        <p className="muted">
          For the exact denoiser the continuous-time bound is tight: its reverse process is the true
          one, so its ELBO and NLL differ only by sampling noise. A network&apos;s gap to the
          autoregressive model is its own error plus the bound&apos;s.
        </p>
      )}
    </section>
  );
});
