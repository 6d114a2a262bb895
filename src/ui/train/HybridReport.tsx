import { useEffect, useRef } from 'react';
import { createParticlePlot } from '../../viz/particles';
import type { HybridReport } from '../../worker/protocol';
import { drawOnChange } from './drawOnChange';
import { useLatestSnapshot } from './useTrainRun';

const EXTENT = 3.5;
type Choice = keyof HybridReport['bound'];
const CHOICES: { choice: Choice; label: string }[] = [
  { choice: 'learned', label: 'learned Σθ' },
  { choice: 'beta', label: 'fixed βt' },
  { choice: 'betaTilde', label: 'fixed β̃t' },
];

/**
 * A hybrid run's comparison: ancestral samples of the same network with its learned variance
 * and with Ho et al.'s two fixed ones (same x_K and noise), and the bound of each in nats.
 */
export function HybridReportPanel({ reference }: { reference: Float32Array }) {
  const plotEls = useRef<(HTMLDivElement | null)[]>([]);
  useEffect(() => {
    const plots = CHOICES.map(({ label }, k) => {
      const el = plotEls.current[k];
      return el ? createParticlePlot(el, { extent: EXTENT, ariaLabel: `Samples, ${label}` }) : null;
    });
    for (const plot of plots) plot?.update({ points: new Float32Array(0), data: reference });
    const stop = drawOnChange(
      (session) => session.snapshot,
      ({ snapshot }) => {
        const report = snapshot?.info.hybrid;
        CHOICES.forEach(({ choice }, k) =>
          plots[k]?.update({ points: report?.samples[choice] ?? new Float32Array(0) }),
        );
      },
      // After SnapshotPlots' layers and the error chart.
      5,
    );
    return () => {
      stop();
      for (const plot of plots) plot?.destroy();
    };
  }, [reference]);

  const report = useLatestSnapshot()?.info.hybrid;
  const steps = report?.sampleSteps ?? 0;
  return (
    <figure className="train-hybrid" data-testid="train-hybrid-report">
      <figcaption className="panel-title">
        Ancestral sampling, {steps} steps: learned against fixed variance{' '}
        <span className="muted">(same network, x_T and noise; bound on 256 training points)</span>
      </figcaption>
      <div className="train-hybrid-plots">
        {CHOICES.map(({ choice, label }, k) => (
          <figure key={choice}>
            <figcaption>
              {label}: bound{' '}
              <span data-testid={`train-hybrid-bound-${choice}`}>
                {report ? report.bound[choice].toFixed(3) : '…'}
              </span>{' '}
              nats
            </figcaption>
            <div
              ref={(el) => {
                plotEls.current[k] = el;
              }}
              className="plot"
              data-testid={`train-hybrid-samples-${choice}`}
            />
          </figure>
        ))}
      </div>
    </figure>
  );
}
