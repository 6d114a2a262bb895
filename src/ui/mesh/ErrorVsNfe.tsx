import { useEffect, useRef, useState } from 'react';
import { comparisonLanes } from '../../core/mesh/lanes';
import type { SweepPoint } from '../../core/lab/sweep';
import type { SceneSettings } from '../../core/scene/settings';
import { createLineChart, type LineChart, type LineSeries } from '../../viz/lineChart';
import type { SweepJob } from '../../worker/protocol';
import { Tip } from '../controls/Tip';
import { useWorkerClient } from '../workerContext';

/** The ODE samplers compared on both processes, and their NFE budgets. */
export const SWEEP_SAMPLERS = ['euler', 'heun', 'dpmpp-2m'] as const;
export const SWEEP_BUDGETS = [4, 8, 16, 32, 64, 128];
/** One colour per sampler; the lane shows as solid (flow) or dashed (diffusion). */
const COLORS = ['#4e79a7', '#f28e2b', '#59a14f'];
const TOLERANCE = 1e-5;
const SAME_ODE = String.raw`\frac{dx}{d\sigma} = \frac{x - D(x, \sigma)}{\sigma},\quad x_t = s(t)\,x,\ \ \sigma = \sigma(t)`;

type State = 'idle' | 'running' | 'done' | 'error';

/**
 * Error vs NFE of a few ODE samplers on the flow and on the diffusion process, from the same
 * x_T: the lab's sweep job (exact model, RK45 reference per process) run once per lane. The
 * error is the mean distance of the endpoints to that process's own reference endpoints.
 */
export function ErrorVsNfe({
  scene,
  flowShift,
  titles,
  onBusy,
}: {
  scene: SceneSettings;
  flowShift: number;
  titles: [string, string];
  onBusy(busy: boolean): void;
}) {
  const client = useWorkerClient();
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<LineChart | null>(null);
  const [state, setState] = useState<State>('idle');
  const [message, setMessage] = useState('');
  const [points, setPoints] = useState<SweepPoint[][]>([[], []]);
  const key = JSON.stringify([scene, flowShift]);
  const [shownKey, setShownKey] = useState(key);
  if (shownKey !== key) {
    // Other settings: the old curves no longer describe them.
    setShownKey(key);
    setPoints([[], []]);
    setState('idle');
  }

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    chart.current = createLineChart(el, {
      ariaLabel: 'Endpoint error against NFE on both processes',
      xLabel: 'NFE',
      yLabel: 'mean endpoint error',
      logX: true,
      logY: true,
      height: 240,
    });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const series: LineSeries[] = [];
    points.forEach((lane, l) =>
      SWEEP_SAMPLERS.forEach((id, s) => {
        const mine = lane.filter((p) => p.sampler === s && p.endpointError !== null);
        if (mine.length === 0) return;
        series.push({
          name: `${id} · ${titles[l]}`,
          x: mine.map((p) => p.nfe),
          y: mine.map((p) => p.endpointError ?? NaN),
          color: COLORS[s],
          dashed: l === 1,
          markers: true,
        });
      }),
    );
    chart.current?.update({ series });
  }, [points, titles]);

  const run = () => {
    const lanes = comparisonLanes(scene, flowShift);
    const collected: SweepPoint[][] = [[], []];
    setPoints([[], []]);
    setState('running');
    onBusy(true);
    const fail = (m: string) => {
      setState('error');
      setMessage(m);
      onBusy(false);
    };
    const lane = (l: number) => {
      const job: SweepJob = {
        kind: 'sweep',
        settings: l === 0 ? lanes.flow : lanes.diffusion,
        samplers: SWEEP_SAMPLERS.map((id) => ({ id, params: {} })),
        budgets: SWEEP_BUDGETS,
        tolerance: TOLERANCE,
        projections: 16,
      };
      setMessage(`${titles[l]}: solving…`);
      client.run(job, {
        onFrame: (_s, _t, f) => {
          if (f.kind !== 'point') return;
          collected[l] = [...collected[l], f.point];
          setPoints([...collected]);
        },
        onDone: () => {
          if (l === 0) lane(1);
          else {
            setState('done');
            setMessage('');
            onBusy(false);
          }
        },
        onCancelled: () => fail('stopped by another run'),
        onError: fail,
      });
    };
    lane(0);
  };

  return (
    <section
      className="mesh-sweep"
      aria-label="Error against NFE"
      data-testid="sweep"
      data-state={state}
    >
      <div className="mesh-sweep-head">
        <button type="button" data-testid="sweep-run" onClick={run} disabled={state === 'running'}>
          Measure error vs NFE
        </button>
        <span className="muted">
          {SWEEP_SAMPLERS.join(', ')} at {SWEEP_BUDGETS.join(', ')} NFE on the exact model,{' '}
          {scene.particles} paths from the same x_T; solid: flow, dashed: diffusion.{' '}
          <Tip tex={SAME_ODE}>
            In k-diffusion coordinates x = x_t/s(t) both are one ODE; a sampler sees only the σ
            grid, so the two curves differ by where each process's grid puts its steps (the
            time-uniform grid on the flow makes Euler the rectified-flow Euler step).
          </Tip>{' '}
          {message}
        </span>
      </div>
      <div ref={ref} className="mesh-sweep-chart" />
    </section>
  );
}
