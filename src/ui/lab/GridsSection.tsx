import { useEffect, useRef } from 'react';
import { laneLabel } from '../../core/lab/lockstep';
import {
  OPTIMISED_GRIDS,
  sigmaListText,
  STEP_GRID_IDS,
  STEP_GRID_LABELS,
} from '../../core/lab/stepGrids';
import { useLab, type GridsSlice } from '../../state/labStore';
import type { LabSettings } from '../../state/labSettings';
import { createStepGridPlot, type StepGridPlot } from '../../viz/stepGridPlot';
import { useSetParam } from '../useParams';
import { useGridsRun } from './useGridsRun';

/** The plot's rows: every grid, the ones still being computed without σ's or error. */
function plotRows(grids: GridsSlice) {
  return STEP_GRID_IDS.map((id) => {
    const row = grids.rows.find((r) => r.id === id);
    return {
      key: id,
      label: STEP_GRID_LABELS[id],
      color: `var(--viz-grid-${id})`,
      sigmas: row?.sigmas ?? [],
      error: row?.error ?? null,
    };
  });
}

const searchRuns = (search: NonNullable<GridsSlice['search']>) =>
  `${search.evaluations} of at most ${search.budget} sampler runs`;

/** The status line while the grids run, or once they were cancelled (errors are shown apart). */
function statusText(grids: GridsSlice): string | null {
  const { rows, search } = grids;
  if (grids.state === 'running')
    return search && rows.length === STEP_GRID_IDS.length - 1
      ? `σ search: ${searchRuns(search)}, lowest error so far ${search.error.toExponential(2)}`
      : `computing the grids (${rows.length} of ${STEP_GRID_IDS.length})`;
  if (grids.state !== 'cancelled') return null;
  const shown = rows.map((r) => STEP_GRID_LABELS[r.id]).join(', ');
  if (search && rows.length === STEP_GRID_IDS.length - 1)
    return `search cancelled after ${searchRuns(search)}: no searched grid; the other grids are shown (${shown})`;
  return rows.length > 0 ? `cancelled: only ${shown} computed` : 'cancelled before any grid';
}

/**
 * Step grids at the lab's NFE: uniform, Karras and log-SNR beside the DP subset and the σ search
 * for one lane's sampler, each with its error against the exact reference; an optimised grid can
 * be taken into the link (`sigmas=`), where every view runs it.
 */
export function GridsSection({ lab, stale }: { lab: LabSettings; stale: boolean }) {
  const grids = useLab((s) => s.grids);
  const { start, cancel } = useGridsRun();
  const setParam = useSetParam();
  const el = useRef<HTMLDivElement>(null);
  const plot = useRef<StepGridPlot | null>(null);
  const running = grids.state === 'running';
  useEffect(() => {
    if (!el.current) return;
    plot.current = createStepGridPlot(
      el.current,
      'Step grids on a log-σ axis, one row per grid, with the sampler’s error for each',
    );
    return () => {
      plot.current?.destroy();
      plot.current = null;
    };
  }, []);
  useEffect(() => {
    if (grids.state === 'idle') return;
    plot.current?.update({
      rows: plotRows(grids),
      sigmaMin: grids.sigmaMin || 0.002,
      sigmaMax: grids.sigmaMax || 80,
    });
  }, [grids]);
  return (
    <section className="lab-section" aria-label="Step grids">
      <h2>Step grids at {lab.budget} NFE</h2>
      <div className="lab-row">
        <label>
          Sampler{' '}
          <select
            value={lab.gridLane}
            data-testid="grids-lane"
            onChange={(e) => setParam('lglane', Number(e.target.value))}
          >
            {lab.lanes.map((l, i) => (
              <option key={i} value={i}>
                {laneLabel(l.id, l.params)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="grids-run"
          onClick={start}
          title={running ? 'Start again: the comparison running now stops' : undefined}
        >
          Compare the grids
        </button>
        <button type="button" data-testid="grids-cancel" disabled={!running} onClick={cancel}>
          Cancel
        </button>
        <progress
          max={1}
          value={grids.fraction}
          aria-label="Grid comparison progress"
          data-testid="grids-progress"
        />
        <span className="lab-readout" data-testid="grids-status" data-state={grids.state}>
          {statusText(grids)}
          {grids.state === 'error' && <span className="lab-error">{grids.error}</span>}
          {grids.state === 'done' && stale && 'settings changed since: compare again'}
        </span>
      </div>
      {grids.state !== 'idle' && grids.state !== 'error' && (
        <p className="lab-readout">
          {grids.lane}, {grids.intervals} steps from σ_max to σ_min (then one onto 0): RMS endpoint
          error at σ_min against RK45 (tolerance 1e-11) on the exact model, 64 particles. DP subset:
          Watson et al.&apos;s optimal path of the linear-β chain in this σ range; σ search:
          coordinate descent on the sampler&apos;s own error.
        </p>
      )}
      <div
        ref={el}
        className="lab-chart"
        data-testid="grids-plot"
        hidden={grids.state === 'idle'}
      />
      <div className="lab-row">
        {OPTIMISED_GRIDS.map((id) => {
          const row = grids.rows.find((r) => r.id === id);
          return (
            <button
              key={id}
              type="button"
              data-testid={`grids-use-${id}`}
              disabled={!row || stale}
              title={row ? `sigmas=${sigmaListText(row.sigmas)}` : undefined}
              onClick={() => row && setParam('sigmas', sigmaListText(row.sigmas))}
            >
              Use this grid: {STEP_GRID_LABELS[id]}
            </button>
          );
        })}
      </div>
    </section>
  );
}
