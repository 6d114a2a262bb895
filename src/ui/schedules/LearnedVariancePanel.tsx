import { useMemo, useSyncExternalStore } from 'react';
import { trainSession } from '../../state/trainSession';
import type { LineChartData } from '../../viz/lineChart';
import { LineChartBox } from './LineChartBox';

/** The train view's latest learned variance, if its latest run is a hybrid one. */
function useLearnedVariance() {
  return useSyncExternalStore(trainSession.subscribe, () => trainSession.snapshot?.info.hybrid);
}

/**
 * The reverse variance the train view's hybrid network learned, Σ_θ(t) averaged over 256
 * training points noised to x_t and over both dimensions, beside the fixed β_t and β̃_t of its
 * schedule (Nichol & Dhariwal 2021, eq. 15: Σ_θ lies between them for v ∈ [0, 1]).
 */
export function LearnedVariancePanel() {
  const report = useLearnedVariance();
  const step = useSyncExternalStore(
    trainSession.subscribe,
    () => trainSession.snapshot?.info.step ?? 0,
  );
  const data = useMemo<LineChartData | null>(() => {
    if (!report) return null;
    // Paper indices t = 1..T on a log axis: the three differ most at small t.
    const t = report.times.map((k) => k + 1);
    return {
      series: [
        { name: 'β_t', x: t, y: report.beta, color: '#7f7f7f', dashed: true },
        { name: 'β̃_t', x: t, y: report.betaTilde, color: '#1f77b4', dashed: true },
        { name: 'learned Σ_θ', x: t, y: report.learned, color: '#d62728', markers: true },
      ],
      logX: true,
      logY: true,
    };
  }, [report]);
  return (
    <>
      <h2 className="panel-title">Learned reverse variance</h2>
      {data ? (
        <>
          <p className="muted" data-testid="learned-variance-note">
            The train view&apos;s hybrid network at step {step}: Σ<sub>θ</sub>(t), the mean over 256
            training points noised to x<sub>t</sub> and both dimensions, beside the fixed β
            <sub>t</sub> and β̃<sub>t</sub> of its schedule.
          </p>
          <LineChartBox
            ariaLabel="Learned reverse variance against beta and beta tilde"
            xLabel="timestep t (1..T, log scale)"
            yLabel="reverse variance"
            data={data}
            testId="learned-variance-chart"
          />
        </>
      ) : (
        <p className="muted" data-testid="learned-variance-note">
          Train a hybrid model in the Train view (&ldquo;What to train&rdquo;: ε and a learned
          variance) to see its learned variance here beside β<sub>t</sub> and β̃<sub>t</sub>.
        </p>
      )}
    </>
  );
}
