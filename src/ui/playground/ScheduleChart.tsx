import { useEffect, useRef } from 'react';
import { scheduleTable } from '../../core/schedules/table';
import { makeProcess } from '../../core/scene/build';
import { useStore } from '../../state/store';
import type { FrameBuffer } from '../../state/frames';
import { createScheduleChart, type ScheduleChart as Chart } from '../../viz/scheduleChart';

/**
 * ᾱ, σ, log SNR and β of the chosen process against t. With `frames`, the cursor follows the
 * playback step and dots mark every time at which the sampler evaluated the model (Heun's
 * second evaluation, a 2S midpoint, each Langevin step), with the NFE count; otherwise the
 * cursor sits at `cursorT`.
 */
export function ScheduleChart({ frames, cursorT }: { frames?: FrameBuffer; cursorT?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<Chart | null>(null);
  const process = useStore((s) => s.params.process);
  const beta = useStore((s) => s.params.schedule);
  const flowShift = useStore((s) => s.params.shift);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const p = makeProcess({ process, betaSchedule: beta, flowShift });
    const logT = (process === 'edm' || process === 've') && p.tMin > 0;
    const chart = createScheduleChart(el, { ariaLabel: 'Noise schedule against t' });
    chart.update({ table: scheduleTable(p, 200, { spacing: logT ? 'log' : 'linear' }), logT });
    chartRef.current = chart;
    return () => {
      chartRef.current = null;
      chart.destroy();
    };
  }, [process, beta, flowShift]);

  useEffect(() => {
    if (!frames) return;
    const cursor = () => frames.at(useStore.getState().playback.step)?.info.t ?? null;
    // The run and frame count last drawn: a notice that adds no frame (a field arriving) draws nothing.
    let drawn = '';
    const draw = () => {
      const now = `${frames.key}#${frames.count}`;
      if (now === drawn) return;
      drawn = now;
      const evalTimes: number[] = [];
      for (let i = 1; i < frames.count; i++)
        evalTimes.push(...(frames.at(i)?.info.evalTimes ?? []));
      const nfe = frames.at(frames.count - 1)?.info.nfe ?? 0;
      if (ref.current) ref.current.dataset.evals = String(evalTimes.length);
      chartRef.current?.update({ cursor: cursor(), evalTimes, nfe });
    };
    const unFrames = frames.subscribe(draw);
    // Playback moves only the cursor (a full redraw per step was a long task at 10k particles).
    const unStore = useStore.subscribe((s, prev) => {
      if (s.playback.step !== prev.playback.step) chartRef.current?.update({ cursor: cursor() });
    });
    draw();
    return () => {
      unFrames();
      unStore();
    };
  }, [frames, process, beta, flowShift]);

  useEffect(() => {
    if (!frames && cursorT !== undefined) chartRef.current?.update({ cursor: cursorT });
  }, [frames, cursorT, process, beta, flowShift]);

  return <div ref={ref} className="schedule-chart" data-testid="schedule-chart" />;
}
