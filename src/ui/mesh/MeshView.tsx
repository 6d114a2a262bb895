import { useMemo, useState } from 'react';
import { comparisonLanes } from '../../core/mesh/lanes';
import { makeProcess } from '../../core/scene/build';
import { timeAtFraction } from '../../core/scene/forward';
import { useStore } from '../../state/store';
import { NumberControl } from '../controls/fields';
import { FLOW_TEX } from '../flowHelp';
import { PROCESS_LABELS } from '../controls/ProcessControls';
import { ErrorVsNfe } from './ErrorVsNfe';
import { MeshControls } from './MeshControls';
import { MeshExport } from './MeshExport';
import { MeshFrames } from './meshFrames';
import { MeshPanel, type PanelProbe } from './MeshPanel';
import { MeshProgress } from './MeshProgress';
import { useMeshPath } from './useMeshPath';
import { useMeshRun } from './useMeshRun';
import { StraightnessTable } from './StraightnessTable';
import { usePlayFraction } from './usePlayFraction';
import './mesh.css';

/**
 * The flow map, side by side for the rectified flow and a diffusion process: a regular lattice
 * at t ≈ 1 carried by the scene's ODE sampler to the current t, the seed's sample paths and
 * their straightness, a draggable point with its ODE path both ways, and error vs NFE.
 */
export function MeshView() {
  const [frames] = useState(() => new MeshFrames());
  const { job, replaced } = useMeshRun(frames);
  const runState = useStore((s) => s.runState);
  const [sweepBusy, setSweepBusy] = useState(false);
  const busy = runState === 'running' || sweepBusy;
  const path = useMeshPath(job, busy);
  const { fraction, setFraction, playing, toggle } = usePlayFraction();
  const dataset = job.settings.dataset;

  const lanes = useMemo(() => {
    const { flow, diffusion } = comparisonLanes(job.settings, job.flowShift);
    return [flow, diffusion].map((settings) => ({ settings, process: makeProcess(settings) }));
  }, [job.settings, job.flowShift]);
  const titles: [string, string] = [
    job.flowShift === 1 ? 'Rectified flow' : `Rectified flow, shift ${job.flowShift}`,
    `${PROCESS_LABELS[lanes[1].settings.process]} (PF-ODE)`,
  ];
  const probes: PanelProbe[] = [0, 1].map((lane) => ({
    probe: path.probe,
    path: path.result?.paths.paths[lane] ?? null,
    pathProbe: path.result?.probe ?? null,
  }));
  const onProbe = (point: [number, number]) => path.request({ point, fraction });

  return (
    <div className="view-layout">
      <MeshControls />
      <section className="view-main" aria-label="Flow map mesh">
        {replaced && (
          <p className="mesh-note" data-testid="mesh-replaced">
            {replaced} is stochastic and has no flow map; the mesh follows Heun (EDM), an ODE
            solver.
          </p>
        )}
        <div className="compare-panels">
          {lanes.map(({ process }, lane) => {
            const t = timeAtFraction(process, fraction);
            return (
              <div key={lane}>
                <h2 className="panel-title" data-testid={`mesh-title-${lane}`}>
                  {titles[lane]}{' '}
                  <span className="muted">
                    · t = {t.toPrecision(3)} · σ = {process.sigma(t).toPrecision(3)}
                  </span>
                </h2>
                <MeshPanel
                  lane={lane}
                  label={`${titles[lane]}: lattice carried from t = 1 to t`}
                  frames={frames}
                  process={process}
                  fraction={fraction}
                  dataset={dataset}
                  probe={probes[lane]}
                  onProbe={onProbe}
                />
              </div>
            );
          })}
        </div>
        <MeshProgress frames={frames} steps={job.settings.steps} />
        <div className="mesh-time">
          <button
            type="button"
            onClick={toggle}
            data-testid="mesh-play"
            aria-label={playing ? 'Pause' : 'Play from t = 1 to 0'}
          >
            {playing ? 'Pause' : 'Play'}
          </button>
          <NumberControl
            label="t (fraction of each process's time)"
            tex={FLOW_TEX.mesh}
            testId="t-input"
            value={fraction}
            min={0}
            max={1}
            step={0.001}
            onChange={setFraction}
          />
        </div>
        <p className="muted mesh-probe" data-testid="mesh-probe" data-state={path.state}>
          {path.probe
            ? `Point at (${path.probe.point[0].toFixed(2)}, ${path.probe.point[1].toFixed(2)}), placed at t fraction ${path.probe.fraction.toFixed(3)}: its ODE path runs from t = 1 (noise) to t = 0 (data) on both processes.`
            : 'Click or drag in either panel (or focus one and use the arrow keys) to place a point and see its ODE path backwards and forwards.'}{' '}
          {path.state === 'waiting' &&
            busy &&
            'Its path follows when the current computation ends.'}
          {path.error}
          {path.probe && (
            <button type="button" onClick={path.clear}>
              Clear point
            </button>
          )}
        </p>
        <StraightnessTable
          frames={frames}
          titles={titles}
          probe={path.result?.paths.straightness ?? null}
        />
        <MeshExport frames={frames} job={job} />
        <ErrorVsNfe
          scene={job.settings}
          flowShift={job.flowShift}
          titles={titles}
          onBusy={setSweepBusy}
        />
      </section>
    </div>
  );
}
