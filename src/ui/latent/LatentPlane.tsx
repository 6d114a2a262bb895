import { useEffect, useMemo, useRef } from 'react';
import { useStore } from '../../state/store';
import { createLatentPlane, pickPoint, type LatentPlane as Plane } from '../../viz/latentPlane';
import type { LatentData, LatentFrames, LatentMap } from './latentFrames';

/** Playback frames of fading tail behind each particle. */
const TRAIL_FRAMES = 6;
/** A press within this many CSS pixels of a particle picks it. */
const PICK_PX = 12;

/**
 * The 2D latent plane at the playback step: particles with tails, the selected particle's whole
 * path, the encoded set by class, the decoded map beneath. Press a particle to select it and drag
 * to move its latent (`onDrag` gets the latent under the pointer).
 */
export function LatentPlane({
  frames,
  data,
  map,
  selected,
  dragged,
  onSelect,
  onDrag,
  step: fixedStep,
}: {
  frames: LatentFrames;
  data: LatentData | null;
  map: LatentMap | null;
  selected: number;
  dragged: [number, number] | null;
  onSelect(particle: number): void;
  onDrag(z: [number, number] | null): void;
  /** The step to draw (a course figure's own slider); by default the app's playback step. */
  step?: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  const plane = useRef<Plane | null>(null);
  const dragging = useRef(false);
  // Stable across frames: the plane re-composes its map canvas only when these change.
  const classes = useMemo(
    () => (data ? { points: data.points, labels: data.labels } : null),
    [data],
  );
  const decodedMap = useMemo(
    () => (map && data ? { ...map, height: data.height, width: data.width } : null),
    [map, data],
  );

  useEffect(() => {
    if (!host.current) return;
    const p = createLatentPlane(host.current, {
      extent: 5,
      ariaLabel: 'Latent plane: particles, the encoded training set by class, decoded map',
    });
    plane.current = p;
    return () => {
      p.destroy();
      plane.current = null;
    };
  }, []);

  useEffect(() => {
    const draw = () => {
      const p = plane.current;
      // The host is detached before this effect's cleanup runs when the view unmounts.
      const el = host.current;
      const buffer = frames.steps;
      if (!p || !el || buffer.count === 0) return;
      const step = Math.min(fixedStep ?? useStore.getState().playback.step, buffer.count - 1);
      const frame = buffer.at(step);
      if (!frame) return;
      const points = frame.data.x;
      const sel = selected < points.length / 2 ? selected : -1;
      const ring = dragged ?? (sel >= 0 ? [points[2 * sel], points[2 * sel + 1]] : null);
      p.update({
        points,
        extent: frame.info.extent,
        trails: buffer.trail(step, TRAIL_FRAMES),
        highlight: sel >= 0 ? Int32Array.of(sel) : undefined,
        paths: sel >= 0 ? buffer.trail(step + 1, step + 1) : undefined,
        classes,
        map: decodedMap,
        selected: ring,
      });
      // For tests and tools: what is drawn, and where the ringed latent is on screen.
      const vb = p.viewBox();
      el.dataset.points = String(points.length / 2);
      el.dataset.step = String(frame.step);
      el.dataset.ring = ring ? `${vb.x(ring[0]).toFixed(1)},${vb.y(ring[1]).toFixed(1)}` : '';
    };
    draw();
    const offFrames = frames.steps.subscribe(draw);
    const offStore =
      fixedStep === undefined
        ? useStore.subscribe((s, prev) => {
            if (s.playback.step !== prev.playback.step) draw();
          })
        : () => {};
    return () => {
      offFrames();
      offStore();
    };
  }, [frames, classes, decodedMap, selected, dragged, fixedStep]);

  const latentAt = (e: React.PointerEvent): [number, number] | null => {
    const vb = plane.current?.viewBox();
    const rect = host.current?.getBoundingClientRect();
    if (!vb || !rect) return null;
    return [vb.invertX(e.clientX - rect.left), vb.invertY(e.clientY - rect.top)];
  };

  return (
    <div
      ref={host}
      className="latent-plane"
      data-testid="latent-plane"
      onPointerDown={(e) => {
        const z = latentAt(e);
        const buffer = frames.steps;
        const step = fixedStep ?? useStore.getState().playback.step;
        const frame = buffer.at(Math.min(step, buffer.count - 1));
        const vb = plane.current?.viewBox();
        if (!z || !frame || !vb) return;
        const best = pickPoint(frame.data.x, z, PICK_PX / vb.pxPerUnit);
        if (best < 0) return;
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        onSelect(best);
        onDrag(null);
      }}
      onPointerMove={(e) => {
        if (!dragging.current) return;
        const z = latentAt(e);
        if (z) onDrag(z);
      }}
      onPointerUp={() => {
        dragging.current = false;
      }}
    />
  );
}
