import { useEffect, useMemo, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { sampleDataset } from '../../core/data';
import { throughTimes, uniformTimes } from '../../core/mesh/odePath';
import { frameAtTime } from '../../core/mesh/timeline';
import { timeAtFraction } from '../../core/scene/forward';
import type { Process } from '../../core/schedules/process';
import { createMeshLayer, type MeshLayer } from '../../viz/mesh';
import { createParticlePlot, type ParticlePlot } from '../../viz/particles';
import { PATH_STEPS } from '../../worker/protocol';
import type { MeshFrames } from './meshFrames';
import type { Probe } from './useMeshPath';

const EMPTY = new Float32Array(0);

/** The points of a flat path as one frame per time (views, no copies). */
const pathFrames = (path: Float32Array) =>
  Array.from({ length: path.length / 2 }, (_, k) => path.subarray(2 * k, 2 * k + 2));

export interface PanelProbe {
  /** The point as last placed (it may still wait for its path). */
  probe: Probe | null;
  /** This lane's latest path (t_max to t_min) and the probe it was computed for. */
  path: Float32Array | null;
  pathProbe: Probe | null;
}

/**
 * One lane of the mesh view: the lattice carried to the current time, the seed's sample paths
 * with where they are now, and the dragged point's path. Drag (or arrow keys) moves the point.
 */
export function MeshPanel({
  lane,
  label,
  frames,
  process,
  fraction,
  dataset,
  probe,
  onProbe,
}: {
  lane: number;
  label: string;
  frames: MeshFrames;
  process: Process;
  fraction: number;
  dataset: string;
  probe: PanelProbe;
  onProbe(point: [number, number]): void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const layers = useRef<{ plot: ParticlePlot; mesh: MeshLayer } | null>(null);
  const dragging = useRef(false);
  const t = timeAtFraction(process, fraction);
  const data = useMemo(() => Float32Array.from(sampleDataset(dataset, 1500, 7)), [dataset]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const plot = createParticlePlot(el, { extent: 3.5, ariaLabel: label });
    const mesh = createMeshLayer(el);
    plot.update({ points: EMPTY, data });
    layers.current = { plot, mesh };
    return () => {
      layers.current = null;
      mesh.destroy();
      plot.destroy();
    };
  }, [label, data]);

  useEffect(() => {
    const draw = () => {
      const l = layers.current;
      const all = frames.lattice[lane];
      if (!l || all.length === 0) return;
      const times = all.map((f) => f.t);
      const points = frameAtTime(
        times,
        all.map((f) => f.points),
        t,
      );
      const extent = frameAtTime(
        times,
        all.map((f) => [f.extent]),
        t,
      )[0];
      const s = frames.straightness[lane];
      const samples: Float32Array[] = [];
      const samplesNow = new Float32Array(2 * (s?.shown ?? 0));
      if (s) {
        const sampleTimes = uniformTimes(all[0].t, process.tMin, s.steps);
        const stride = 2 * (s.steps + 1);
        for (let p = 0; p < s.shown; p++) {
          const path = s.paths.subarray(p * stride, (p + 1) * stride);
          samples.push(path);
          samplesNow.set(frameAtTime(sampleTimes, pathFrames(path), t), 2 * p);
        }
      }
      const { path, pathProbe } = probe;
      // Where the point is now: on its path once computed, else where it was placed.
      let marker: [number, number] | null = null;
      if (path && pathProbe && pathProbe === probe.probe) {
        const placed = timeAtFraction(process, pathProbe.fraction);
        const now = frameAtTime(
          throughTimes(process, placed, PATH_STEPS).times,
          pathFrames(path),
          t,
        );
        marker = [now[0], now[1]];
      } else if (probe.probe && probe.probe.fraction === fraction) marker = probe.probe.point;
      l.plot.update({ points: EMPTY, extent });
      l.mesh.update({
        extent,
        mesh: { lines: frames.lines, perLine: points.length / (4 * frames.lines), points },
        samples,
        samplesNow,
        probePath: path,
        probe: marker,
      });
    };
    draw();
    return frames.subscribe(draw);
  }, [frames, lane, t, fraction, process, probe]);

  const toData = (e: PointerEvent<HTMLDivElement>): [number, number] | null => {
    const l = layers.current;
    const el = ref.current;
    if (!l || !el) return null;
    const box = el.getBoundingClientRect();
    const vb = l.plot.viewBox();
    const [px, py] = [e.clientX - box.left, e.clientY - box.top];
    if (px < vb.left || px > vb.left + vb.side || py < vb.top || py > vb.top + vb.side) return null;
    return [vb.invertX(px), vb.invertY(py)];
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const steps: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, 1],
      ArrowDown: [0, -1],
    };
    const d = steps[e.key];
    const l = layers.current;
    if (!d || !l) return;
    e.preventDefault();
    const h = l.plot.viewBox().extent / 40;
    const [x, y] = probe.probe?.point ?? [0, 0];
    onProbe([x + d[0] * h, y + d[1] * h]);
  };

  return (
    <div
      ref={ref}
      className="plot mesh-plot"
      data-testid={`mesh-plot-${lane}`}
      tabIndex={0}
      role="application"
      aria-label={`${label}. Click or drag to place a point and see its ODE path; arrow keys move it.`}
      onKeyDown={onKeyDown}
      onPointerDown={(e) => {
        const p = toData(e);
        if (!p) return;
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        onProbe(p);
      }}
      onPointerMove={(e) => {
        if (!dragging.current) return;
        const p = toData(e);
        if (p) onProbe(p);
      }}
      onPointerUp={() => (dragging.current = false)}
      onPointerCancel={() => (dragging.current = false)}
    />
  );
}
