import { NumberControl } from '../controls/fields';
import { useParams, useSetParam } from '../useParams';
import { TRAIN_TEX } from './trainHelp';

const FIELDS = ['tlambda', 'tvsteps', 'tstart'] as const;

/** The hybrid objective's λ and the steps of the chain its samples and bounds compare on. */
export function HybridControls() {
  const p = useParams(FIELDS);
  const setParam = useSetParam();
  return (
    <>
      <p className="train-note">
        The network predicts ε and, per dimension, v of Σ<sub>θ</sub> = exp(v log β<sub>t</sub> + (1
        − v) log β̃<sub>t</sub>), trained on L<sub>simple</sub> + λ·L<sub>vlb</sub> from scratch.
      </p>
      {p.tstart !== 'scratch' && (
        <p className="train-note" role="alert">
          A learned-variance network starts from scratch: set &ldquo;Start from&rdquo; to scratch.
        </p>
      )}
      <NumberControl
        label="λ (weight of L_vlb)"
        tex={TRAIN_TEX.hybrid}
        testId="train-hybrid-lambda"
        value={p.tlambda}
        min={0}
        max={1}
        step={0.0001}
        onChange={(v) => setParam('tlambda', v)}
      />
      <NumberControl
        label="Sampling steps (learned vs fixed variance)"
        testId="train-hybrid-steps"
        value={p.tvsteps}
        min={2}
        max={1000}
        step={1}
        log
        onChange={(v) => setParam('tvsteps', v)}
      />
    </>
  );
}
