import { useEffect, useRef } from 'react';
import { sampleDataset } from '../../core/data';
import { useStore } from '../../state/store';
import type { FrameBuffer } from '../../state/frames';
import { createFieldLayer } from '../../viz/field';
import { createParticlePlot } from '../../viz/particles';
import { FIELD_SIZE } from './frameBuffers';

const TRAIL_FRAMES = 8;

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
  const dataset = useStore((s) => String(s.params.dataset));

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const plot = createParticlePlot(el, { extent: 3.5, ariaLabel: label });
    const field = createFieldLayer(el);
    plot.update({
      points: new Float32Array(0),
      data: Float32Array.from(sampleDataset(dataset, 1500, 7)),
    });
    const draw = () => {
      const { playback, params } = useStore.getState();
      const frame = frames.at(playback.step);
      if (!frame) return;
      const step = Math.min(playback.step, frames.count - 1);
      plot.update({
        points: frames.points(frame),
        ghosts: params.ghosts && step > 0 ? frames.x0(frame) : undefined,
        trails: params.trails ? frames.trail(step, TRAIL_FRAMES) : undefined,
        highlight,
        paths: highlight ? frames.trail(step + 1, step + 1) : undefined,
        extent: frame.info.extent,
      });
      field.update(
        params.field && frame.info.sigma > 0
          ? { grid: { size: FIELD_SIZE, extent: frame.info.extent }, vectors: frames.field(frame) }
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
      field.destroy();
      plot.destroy();
    };
  }, [frames, label, dataset, highlight]);

  return <div ref={ref} className="plot" data-testid="reverse-plot" />;
}
