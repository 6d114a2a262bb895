import { useEffect, useMemo, useRef } from 'react';
import { sampleDataset } from '../../core/data';
import { useCustomData } from '../../state/customData';
import { useStore } from '../../state/store';
import { createDensityLayer } from '../../viz/density';
import { createFieldLayer } from '../../viz/field';
import { createParticlePlot } from '../../viz/particles';
import { SNAPSHOT_DENSITY_EXTENT } from '../../worker/protocol';
import type { Snapshot } from '../../state/trainSession';
import { DistillReportTable } from './DistillReport';
import { HybridReportPanel } from './HybridReport';
import { VdmReportTable } from './VdmReport';
import { drawOnChange } from './drawOnChange';
import { useLatestSnapshot } from './useTrainRun';

const EXTENT = 3.5;
const REFERENCE_POINTS = 1500;
const errorColour = (t: number) => `rgba(200, 30, 40, ${(0.15 + 0.85 * t).toFixed(3)})`;

/** Grey reference points of the data set being trained on (the custom set's own points). */
export function useReferencePoints(): Float32Array {
  const dataset = useStore((s) => s.params.dataset);
  const custom = useCustomData((s) => s.points);
  return useMemo(
    () =>
      Float32Array.from(
        dataset === 'custom' ? custom : sampleDataset(dataset, REFERENCE_POINTS, 7),
      ),
    [dataset, custom],
  );
}

/**
 * The two panels of the latest snapshot: samples of the EMA network with the score field and the
 * samples' density, and the squared error against the exact denoiser over space at one time.
 */
export function SnapshotPlots() {
  const reference = useReferencePoints();
  const samplesEl = useRef<HTMLDivElement>(null);
  const errorsEl = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!samplesEl.current || !errorsEl.current) return;
    const plot = createParticlePlot(samplesEl.current, {
      extent: EXTENT,
      ariaLabel: 'Samples of the network, its score field and their density',
    });
    const field = createFieldLayer(samplesEl.current);
    const density = createDensityLayer(samplesEl.current);
    const mapPlot = createParticlePlot(errorsEl.current, {
      extent: EXTENT,
      ariaLabel: 'Squared error to the exact denoiser over space',
    });
    const map = createDensityLayer(errorsEl.current, { interpolator: errorColour, opacity: 1 });
    plot.update({ points: new Float32Array(0), data: reference });
    mapPlot.update({ points: new Float32Array(0), data: reference });
    // One layer per frame (the list's order): the snapshot's draws together made the longest
    // task of training. TrainCharts draws the error chart in the frame after these.
    const layerDraws: ((snapshot: Snapshot | null) => void)[] = [
      (snapshot) => plot.update({ points: snapshot?.samples ?? new Float32Array(0) }),
      (snapshot) =>
        density.update(
          snapshot && snapshot.density.length > 0
            ? {
                grid: { size: snapshot.info.spec.densitySize, extent: SNAPSHOT_DENSITY_EXTENT },
                values: snapshot.density,
                extent: EXTENT,
              }
            : null,
        ),
      (snapshot) =>
        field.update(
          snapshot && snapshot.field.length > 0
            ? {
                grid: { size: snapshot.info.spec.fieldSize, extent: snapshot.info.fieldExtent },
                vectors: snapshot.field,
                extent: EXTENT,
              }
            : null,
        ),
      (snapshot) =>
        map.update(
          snapshot && snapshot.map.length > 0
            ? {
                grid: { size: snapshot.info.spec.mapSize, extent: snapshot.info.mapExtent },
                values: snapshot.map,
                extent: EXTENT,
              }
            : null,
        ),
    ];
    const stops = layerDraws.map((draw, frame) =>
      drawOnChange(
        (session) => session.snapshot,
        ({ snapshot }) => draw(snapshot),
        frame,
      ),
    );
    return () => {
      for (const stop of stops) stop();
      for (const layer of [field, density, plot, map, mapPlot]) layer.destroy();
    };
  }, [reference]);

  const info = useLatestSnapshot()?.info;
  const report = info?.distill;
  const vdm = info?.vdm;
  const sampler = vdm
    ? `DDIM, ${vdm.sampleSteps} steps on the learned schedule`
    : !report
      ? 'DPM-Solver++(2M), 20 steps'
      : report.mode === 'distill'
        ? `DDIM, ${report.studentSteps} step${report.studentSteps === 1 ? '' : 's'}`
        : 'one consistency step';
  return (
    <div className="train-panels">
      <figure>
        <figcaption className="panel-title">
          Samples <span className="muted">(EMA network, {sampler})</span>
          {report?.mode === 'cd' || report?.mode === 'ct' || vdm
            ? ' and density'
            : `, score field at t = ${info ? info.fieldT.toFixed(0) : '…'} and density`}
        </figcaption>
        <div ref={samplesEl} className="plot" data-testid="train-samples-plot" />
      </figure>
      {/* A VDM run has no exact denoiser on its learned schedule to compare with. */}
      <figure hidden={!!vdm}>
        <figcaption className="panel-title">
          ‖D<sub>θ</sub> − D*‖² over x<sub>t</sub> at t = {info ? info.mapT.toFixed(0) : '…'}{' '}
          <span className="muted">(bands log-spaced over 6 nats below the maximum)</span>
        </figcaption>
        <div ref={errorsEl} className="plot" data-testid="train-error-map" />
      </figure>
      {report && <DistillReportTable report={report} />}
      {info?.hybrid && <HybridReportPanel reference={reference} />}
      {vdm && <VdmReportTable report={vdm} step={info.step} />}
    </div>
  );
}
