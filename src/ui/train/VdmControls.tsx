import { NumberControl } from '../controls/fields';
import { useParams, useSetParam } from '../useParams';

const FIELDS = ['tvg0', 'tvg1', 'tvw', 'tvlr', 'tvn'] as const;

/** A VDM run's settings: the learned schedule's start, size and learning rate, and the sampler. */
export function VdmControls() {
  const p = useParams(FIELDS);
  const setParam = useSetParam();
  return (
    <>
      <p className="train-note">
        The network and a monotone log-SNR schedule γ(t) train together (Kingma et al. 2021): the
        network and γ&apos;s endpoints on the bound, γ&apos;s interior on the variance of its
        estimate. Samples are drawn on the learned schedule.
      </p>
      <NumberControl
        label="Start γ₀ = −log SNR(0)"
        testId="train-vdm-gamma0"
        value={p.tvg0}
        min={-20}
        max={-1}
        step={0.1}
        onChange={(v) => setParam('tvg0', v)}
      />
      <NumberControl
        label="Start γ₁ = −log SNR(1)"
        testId="train-vdm-gamma1"
        value={p.tvg1}
        min={1}
        max={15}
        step={0.1}
        onChange={(v) => setParam('tvg1', v)}
      />
      <NumberControl
        label="Schedule network units"
        testId="train-vdm-width"
        value={p.tvw}
        min={1}
        max={256}
        step={1}
        log
        onChange={(v) => setParam('tvw', v)}
      />
      <NumberControl
        label="Schedule learning rate"
        testId="train-vdm-lr"
        value={p.tvlr}
        min={1e-5}
        max={0.5}
        step={1e-5}
        log
        onChange={(v) => setParam('tvlr', v)}
      />
      <NumberControl
        label="Sampling steps (DDIM)"
        testId="train-vdm-steps"
        value={p.tvn}
        min={1}
        max={1000}
        step={1}
        log
        onChange={(v) => setParam('tvn', v)}
      />
    </>
  );
}
