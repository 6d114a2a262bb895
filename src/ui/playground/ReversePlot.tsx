import { useEffect, useRef } from 'react';
import { kdeGrid, scottBandwidth } from '../../core/metrics/kde';
import { useStore } from '../../state/store';
import type { FrameBuffer } from '../../state/frames';
import { createDensityLayer } from '../../viz/density';
import { createFieldLayer } from '../../viz/field';
import { createParticlePlot } from '../../viz/particles';
import { createRegionLayer } from '../../viz/region';
import { regionFromParams } from '../../state/scene';
import { FIELD_SIZE } from './frameBuffers';
import { useDatasetPoints } from './useDatasetPoints';

const TRAIL_FRAMES = 8;
/** Cells per axis of the particles' own density (binned KDE, cheap enough for every frame). */
const DENSITY_SIZE = 48;

/** Scott's rule, but never below one cell (collapsed or non-finite particles give no spread). */
function bandwidth(points: Float32Array, extent: number): number {
  const cell = (2 * extent) / DENSITY_SIZE;
  const h = scottBandwidth(points);
  return h > cell ? h : cell;
}

/** The particle plot of one run, redrawn from the frame buffer whenever the step or a frame changes. */
export function ReversePlot({
  frames,
  label,
  highlight,
}: {
  frames: FrameBuffer;
  label: string;
  highlight?: Int32Array;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const dataset = useStore((s) => s.params.dataset);
  const background = useDatasetPoints(dataset);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const plot = createParticlePlot(el, { extent: 3.5, ariaLabel: label });
    const field = createFieldLayer(el);
    const density = createDensityLayer(el);
    const regionLayer = createRegionLayer(el);
    plot.update({ points: new Float32Array(0), data: background });
    // What the last draw showed: a notice that changes none of it (a frame arriving behind the
    // playback position) draws nothing.
    let shown: unknown[] = [];
    const draw = () => {
      const { playback, params } = useStore.getState();
      const frame = frames.at(playback.step);
      // For tests: which run's frame is on screen, and which run is current.
      if (el.dataset.runKey !== frames.key) el.dataset.runKey = frames.key;
      if (el.dataset.frameKey !== (frame?.key ?? '')) el.dataset.frameKey = frame?.key ?? '';
      const step = Math.min(playback.step, frames.count - 1);
      const vectors = frame && params.field && frame.info.sigma > 0 ? frames.field(frame) : null;
      const showing = [frame, step, params, vectors];
      if (showing.every((v, i) => v === shown[i])) return;
      shown = showing;
      if (!frame) {
        plot.update({ points: new Float32Array(0) });
        field.update(null);
        density.update(null);
        return;
      }
      const region = regionFromParams(params);
      regionLayer.update(region ? { region, extent: frame.info.extent } : null);
      const points = frames.points(frame);
      const extent = frame.info.extent;
      plot.update({
        points,
        ghosts: params.ghosts && step > 0 ? frames.x0(frame) : undefined,
        trails: params.trails ? frames.trail(step, TRAIL_FRAMES) : undefined,
        highlight,
        paths: highlight ? frames.trail(step + 1, step + 1) : undefined,
        extent,
      });
      field.update(vectors ? { grid: { size: FIELD_SIZE, extent }, vectors } : null);
      density.update(
        params.density && points.length >= 4
          ? {
              grid: { size: DENSITY_SIZE, extent },
              values: kdeGrid(points, extent, DENSITY_SIZE, bandwidth(points, extent)),
            }
          : null,
      );
    };
    const unFrames = frames.subscribe(draw);
    const unStore = useStore.subscribe((s, prev) => {
      if (s.playback.step !== prev.playback.step || s.params !== prev.params) draw();
    });
    draw();
    return () => {
      unFrames();
      unStore();
      density.destroy();
      regionLayer.destroy();
      field.destroy();
      plot.destroy();
    };
  }, [frames, label, background, highlight]);

  return <div ref={ref} className="plot" data-testid="reverse-plot" data-figure="" />;
}
