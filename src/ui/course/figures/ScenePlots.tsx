import { useEffect, useRef } from 'react';
import type { FrameBuffer } from '../../../state/frames';
import type { regionFromParams } from '../../../state/scene';
import { createDensityLayer } from '../../../viz/density';
import { createFieldLayer } from '../../../viz/field';
import { createParticlePlot } from '../../../viz/particles';
import { createRegionLayer } from '../../../viz/region';
import type { ForwardFrame } from '../../../worker/protocol';
import { FIELD_SIZE } from '../../playground/frameBuffers';
import { useDatasetPoints } from '../../playground/useDatasetPoints';

const HIGHLIGHT = Int32Array.from([3, 17, 42, 77, 99]);
const TRAIL_FRAMES = 8;
/** Cells per axis of the forward figure's log-density grid. */
export const FORWARD_DENSITY = 64;

/**
 * A particle plot of one lane at one step: particles, grey data, trails, the constraint region
 * when there is one, and arrows (the score direction) or five particles' whole paths.
 */
export function ScenePlot({
  frames,
  step,
  dataset,
  label,
  highlight = false,
  field = true,
  region = null,
}: {
  frames: FrameBuffer;
  step: number;
  dataset: string;
  label: string;
  highlight?: boolean;
  field?: boolean;
  region?: ReturnType<typeof regionFromParams>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const background = useDatasetPoints(dataset);
  const stepRef = useRef(step);
  const draw = useRef<() => void>(() => {});

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const plot = createParticlePlot(el, { extent: 3.5, ariaLabel: label });
    const shade = region ? createRegionLayer(el) : null;
    const arrows = field ? createFieldLayer(el) : null;
    plot.update({ points: new Float32Array(0), data: background });
    draw.current = () => {
      const frame = frames.at(stepRef.current);
      if (!frame) {
        plot.update({ points: new Float32Array(0) });
        arrows?.update(null);
        return;
      }
      const s = Math.min(stepRef.current, frames.count - 1);
      plot.update({
        points: frames.points(frame),
        trails: frames.trail(s, TRAIL_FRAMES),
        ...(highlight ? { highlight: HIGHLIGHT, paths: frames.trail(s + 1, s + 1) } : {}),
        extent: frame.info.extent,
      });
      if (region) shade?.update({ region, extent: frame.info.extent });
      const vectors = arrows && frame.info.sigma > 0 ? frames.field(frame) : null;
      arrows?.update(
        vectors ? { grid: { size: FIELD_SIZE, extent: frame.info.extent }, vectors } : null,
      );
    };
    const unsubscribe = frames.subscribe(() => draw.current());
    draw.current();
    return () => {
      unsubscribe();
      draw.current = () => {};
      arrows?.destroy();
      shade?.destroy();
      plot.destroy();
    };
  }, [frames, background, label, highlight, field, region]);

  useEffect(() => {
    stepRef.current = step;
    draw.current();
  }, [step]);
  return <div ref={ref} className="plot" data-figure="" />;
}

/** The forward figure: x_t over the exact log-density of the noised data. */
export function ForwardPlot({
  frames,
  dataset,
  label,
}: {
  frames: FrameBuffer<ForwardFrame>;
  dataset: string;
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const background = useDatasetPoints(dataset);
  const layers = useRef<{
    plot: ReturnType<typeof createParticlePlot>;
    density: ReturnType<typeof createDensityLayer>;
  } | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const plot = createParticlePlot(el, { extent: 3.5, ariaLabel: label });
    const density = createDensityLayer(el);
    plot.update({ points: new Float32Array(0), data: background });
    layers.current = { plot, density };
    return () => {
      layers.current = null;
      density.destroy();
      plot.destroy();
    };
  }, [background, label]);
  useEffect(() => {
    const draw = () => {
      const frame = frames.at(0);
      if (!frame || !layers.current) return;
      layers.current.plot.update({ points: frame.data.x, extent: frame.info.extent });
      layers.current.density.update({
        grid: { size: FORWARD_DENSITY, extent: frame.info.extent },
        values: frame.data.logp,
        scale: 'logDensity',
      });
    };
    draw();
    return frames.subscribe(draw);
  }, [frames, background]);
  return <div ref={ref} className="plot" data-figure="" />;
}
