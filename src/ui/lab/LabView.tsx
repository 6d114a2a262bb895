import { useEffect, useMemo, useRef } from 'react';
import type { LineChart } from '../../viz/lineChart';
import { useLab } from '../../state/labStore';
import { labFromParams } from '../../state/labSettings';
import { useStore } from '../../state/store';
import { buildReport } from './buildReport';
import { GridsSection } from './GridsSection';
import { LabControls } from './LabControls';
import { LikelihoodSection } from './LikelihoodSection';
import { LockstepSection } from './LockstepSection';
import { ReportSection } from './ReportSection';
import { SweepSection } from './SweepSection';
import { likelihoodKey, sweepKey, useSweep } from './useLabJobs';
import { gridsKey } from './useGridsRun';
import { useLockstepRun } from './useLockstepRun';
import './lab.css';

/** Reports the lab's URL problems (bad lanes or budgets) once per distinct text. */
function useLabProblems(problems: string[]): void {
  const text = problems.join('\n');
  useEffect(() => {
    if (text) for (const p of text.split('\n')) useStore.getState().notify(p);
  }, [text]);
}

/** With lauto=1 (a reproducing link), starts the sweep once the lockstep run has finished. */
function useAutoRun(): void {
  const auto = useStore((s) => s.params.lauto);
  const lockstep = useLab((s) => s.lockstep.state);
  const sweep = useLab((s) => s.sweep.state);
  const { start } = useSweep();
  useEffect(() => {
    if (auto && lockstep === 'done' && sweep === 'idle') start();
  }, [auto, lockstep, sweep, start]);
}

/**
 * The sampler lab: 2 to 6 samplers in lockstep from the same x_T at one NFE budget, judged
 * against the exact model's ODE reference; error vs NFE with fitted orders; standard and
 * optimised step grids with their errors; the model's likelihood; a single-step debugger; and an
 * exportable report.
 */
export function LabView() {
  const params = useStore((s) => s.params);
  const lab = useMemo(() => labFromParams(params), [params]);
  useLabProblems(lab.problems);
  useLockstepRun();
  useAutoRun();
  const sweep = useLab((s) => s.sweep);
  const lockstep = useLab((s) => s.lockstep);
  const likelihood = useLab((s) => s.likelihood);
  const grids = useLab((s) => s.grids);
  const chartRef = useRef<LineChart | null>(null);
  const sweepStale = sweep.key !== '' && sweep.key !== sweepKey(params);
  // A report's link must reproduce it: none for a sweep of other settings than the current ones.
  const report = useMemo(
    () =>
      sweep.state === 'done' && !sweepStale
        ? buildReport(params, sweep, lockstep, lab.metric)
        : null,
    [params, sweep, lockstep, lab.metric, sweepStale],
  );
  return (
    <div className="view-layout lab-view">
      <LabControls lab={lab} />
      <div className="view-main">
        <LockstepSection />
        <SweepSection report={report} stale={sweepStale} chartRef={chartRef} />
        <GridsSection lab={lab} stale={grids.key !== '' && grids.key !== gridsKey(params)} />
        <LikelihoodSection
          stale={likelihood.key !== '' && likelihood.key !== likelihoodKey(params)}
        />
        <ReportSection report={report} chartRef={chartRef} />
      </div>
    </div>
  );
}
