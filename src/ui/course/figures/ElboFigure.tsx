import { useRef, useState } from 'react';
import { AR_NETWORK, DISCRETE_NETWORKS, namesLikelihoodJob } from '../../../state/discrete';
import type { DiscreteLikelihoodResult } from '../../../worker/protocol';
import { useWorkerClient } from '../../workerContext';
import { FigureFrame } from '../FigureFrame';
import type { FigureProps } from '../figureProps';
import { useFigureRun, type StartRun } from '../useFigureRun';

/** Fewer names and draws than the discrete view's panel (200, 16): a figure should be quick. */
const NAMES = 60;
const SAMPLES = 8;

/**
 * The discrete view's likelihood panel in compact form: MDLM's negative ELBO of the names network
 * beside the autoregressive model's exact NLL on held-out names, and the exact denoiser's ELBO
 * beside its true NLL on training names, in bits per character.
 */
export function ElboFigure({ chapter, spec, question, present }: FigureProps) {
  const client = useWorkerClient();
  const [done, setDone] = useState(0);
  const [result, setResult] = useState<DiscreteLikelihoodResult | null>(null);
  const start: StartRun = (end) => {
    setDone(0);
    setResult(null);
    client.run(namesLikelihoodJob(NAMES, SAMPLES), {
      onFrame: (_s, _n, frame) => setDone(frame.done),
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
  const bits = (b: number) => b.toFixed(3);
  const row = (model: string, names: string, value: string, testId: string) => (
    <tr>
      <td>{model}</td>
      <td>{names}</td>
      <td data-testid={testId}>{value}</td>
    </tr>
  );
  const r = result;
  return (
    <FigureFrame
      chapter={chapter}
      spec={spec}
      question={question}
      present={present}
      run={run}
      plotsRef={plots}
      kind="likelihood"
      legend={[]}
      controls={
        <span className="playback-readout">
          {r ? `${r.names} names scored` : `${done} of ${NAMES} names scored`}
        </span>
      }
    >
      <table className="likelihood-table">
        <caption className="muted">
          Bits per character (letters plus one END per name); {SAMPLES} stratified times per name
          for each ELBO
        </caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Names</th>
            <th scope="col">Bits per character</th>
          </tr>
        </thead>
        <tbody>
          {row(
            `${DISCRETE_NETWORKS.names}: negative ELBO`,
            `${NAMES} held out`,
            r ? `≤ ${bits(r.elboBitsPerChar)} ± ${bits(r.elboStderr)}` : '…',
            'figure-elbo',
          )}
          {row(
            `${AR_NETWORK}: exact NLL`,
            `${NAMES} held out`,
            r ? bits(r.arBitsPerChar) : '…',
            'figure-ar',
          )}
          {row(
            'Exact denoiser: negative ELBO, true NLL',
            `${NAMES} training`,
            r
              ? `${bits(r.exactTrain.elboBitsPerChar)}, ${bits(r.exactTrain.nllBitsPerChar)} (gap ± ${bits(r.exactTrain.gapStderr)})`
              : '…',
            'figure-exact',
          )}
        </tbody>
      </table>
    </FigureFrame>
  );
}
