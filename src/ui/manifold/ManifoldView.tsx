import { useState, useSyncExternalStore } from 'react';
import { NumberControl } from '../controls/fields';
import { useParams, useSetParam } from '../useParams';
import { ManifoldControls } from './ManifoldControls';
import { ManifoldFrames } from './manifoldFrames';
import { ManifoldPanel } from './ManifoldPanel';
import { useManifoldRun } from './useManifoldRun';
import './manifold.css';

/** Okabe–Ito hues (colour-blind safe); the ODE's follows the theme's particle colour. */
const LANES = [
  { title: 'Reverse SDE (geodesic random walk)', color: '#d55e00' },
  { title: 'Probability-flow ODE (exp-map)', color: 'var(--viz-particle, #0072b2)' },
  { title: 'Riemannian flow matching (ODE)', color: '#009e73' },
  { title: 'Naive: diffuse in the ambient space, project', color: '#e69f00' },
] as const;

const SHOWN = ['mt', 'mstep', 'mfield', 'mlon', 'mlat'] as const;

/**
 * Diffusion on S² and T² with exact models or trained networks (mmodel): forward Brownian motion
 * from the data with a time scrubber and the score field; then four reverse runs from the same
 * noise side by side.
 */
export function ManifoldView() {
  const [frames] = useState(() => new ManifoldFrames());
  const { job, note } = useManifoldRun(frames);
  useSyncExternalStore(frames.subscribe, frames.getVersion);
  const p = useParams(SHOWN);
  const setParam = useSetParam();
  const m = job.manifold;
  const unit = m === 'sphere' ? 'τ' : 'τ';
  const fk = Math.round(p.mt * (job.steps + 1));
  const forward = frames.forward[fk] ?? frames.forward[frames.forward.length - 1];
  const field = p.mfield && fk > 0 ? frames.fieldNear(fk) : null;
  const rk = Math.round(p.mstep * job.steps);
  const where = { lon: p.mlon, lat: p.mlat };

  return (
    <div className="view-layout">
      <ManifoldControls />
      <section className="view-main" aria-label="Diffusion on a manifold">
        {note && (
          <p className="mesh-note" data-testid="manifold-note">
            {note}
          </p>
        )}
        <h2 className="panel-title">
          Forward: Brownian motion on the {m === 'sphere' ? 'sphere' : 'torus'}{' '}
          <span className="muted" data-testid="manifold-forward-time">
            · {unit} = {forward ? forward.time.toPrecision(3) : '…'}
          </span>
        </h2>
        <div className="manifold-forward">
          <ManifoldPanel
            manifold={m}
            testId="manifold-forward"
            label={`Forward noising at ${unit} ${forward?.time.toPrecision(3) ?? ''}: data in grey, particles in black${field ? ', score field as arrows' : ''}`}
            scene={{
              ...where,
              data: frames.data,
              points: forward?.points ?? null,
              color: 'var(--viz-ink, #222)',
              arrows: field,
            }}
          />
          <NumberControl
            label="Forward time (fraction of the steps)"
            testId="mt-input"
            value={p.mt}
            min={0}
            max={1}
            step={0.001}
            onChange={(v) => setParam('mt', v)}
          />
        </div>
        <h2 className="panel-title">Reverse: four samplers from the same noise</h2>
        <div className="manifold-lanes">
          {LANES.map((lane, k) => {
            const list = frames.lanes[k];
            const frame = list[Math.min(rk, list.length - 1)];
            return (
              <figure key={k} className="manifold-lane" data-testid={`manifold-lane-${k}`}>
                <figcaption>
                  {lane.title}
                  <span className="muted" data-testid={`manifold-off-${k}`}>
                    {frame
                      ? k === 3
                        ? ` · off the manifold before projection: mean ${frame.offManifold.toExponential(2)}`
                        : ` · off the manifold: ${frame.offManifold.toExponential(1)}`
                      : ''}
                  </span>
                </figcaption>
                <ManifoldPanel
                  manifold={m}
                  testId={`manifold-canvas-${k}`}
                  label={`${lane.title}, step ${frame?.frame ?? 0} of ${job.steps}`}
                  scene={{
                    ...where,
                    data: frames.data,
                    points: frame?.points ?? null,
                    color: lane.color,
                  }}
                />
              </figure>
            );
          })}
        </div>
        <NumberControl
          label="Reverse step (fraction of the steps)"
          testId="mstep-input"
          value={p.mstep}
          min={0}
          max={1}
          step={0.001}
          onChange={(v) => setParam('mstep', v)}
        />
        <p className="muted">
          {m === 'sphere'
            ? 'Drag a globe to turn them all. Coastlines: Natural Earth (world-atlas); cities: GeoNames, CC BY 4.0.'
            : 'The square is the torus: its opposite edges (marked alike) are glued, and the faded margin shows what lies across each edge.'}
        </p>
      </section>
    </div>
  );
}
