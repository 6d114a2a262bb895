import { useEffect, useMemo, useRef, useState } from 'react';
import { sampleDataset } from '../../core/data';
import { makeProcess } from '../../core/scene/build';
import { timeAtFraction } from '../../core/scene/forward';
import { sceneFromParams } from '../../state/scene';
import { useStore } from '../../state/store';
import { createDensityLayer } from '../../viz/density';
import { createParticlePlot, type ParticlePlot } from '../../viz/particles';
import type { DensityLayer } from '../../viz/density';
import type { FrameInfo } from '../../worker/protocol';
import { NumberControl } from '../controls/fields';
import { TEX } from '../help';
import { useWorkerClient } from '../workerContext';
import { SceneControls } from './SceneControls';
import { ScheduleChart } from './ScheduleChart';

const DENSITY_SIZE = 64;

/** Forward noising: drag t and every data point moves along q(x_t | x_0) over the exact density. */
export function ForwardView() {
  const client = useWorkerClient();
  const ready = useStore((s) => s.backend !== null);
  const params = useStore((s) => s.params);
  const setParam = useStore((s) => s.setParam);
  const frac = Number(params.t);
  const ref = useRef<HTMLDivElement>(null);
  const layers = useRef<{ plot: ParticlePlot; density: DensityLayer } | null>(null);
  const [info, setInfo] = useState<FrameInfo | null>(null);
  const settings = useMemo(() => sceneFromParams(params).settings, [params]);
  const key = JSON.stringify([
    settings.dataset,
    settings.process,
    settings.betaSchedule,
    settings.particles,
    settings.seed,
    frac,
    settings.flowShift,
  ]);
  const processTime = timeAtFraction(makeProcess(settings), frac);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const plot = createParticlePlot(el, { extent: 3.5, ariaLabel: 'Data points noised to time t' });
    const density = createDensityLayer(el);
    plot.update({
      points: new Float32Array(0),
      data: Float32Array.from(sampleDataset(settings.dataset, 1500, 7)),
    });
    layers.current = { plot, density };
    return () => {
      layers.current = null;
      density.destroy();
      plot.destroy();
    };
  }, [settings.dataset]);

  useEffect(() => {
    if (!ready) return;
    const [, , , n] = JSON.parse(key) as [string, string, string, number];
    const { setRun } = useStore.getState();
    setRun('running');
    client.run(
      { kind: 'forward', settings, t: frac, densitySize: DENSITY_SIZE },
      {
        onFrame: (_s, _t, data, frameInfo) => {
          if (!frameInfo || !layers.current) return;
          setInfo(frameInfo);
          const grid = { size: DENSITY_SIZE, extent: frameInfo.extent };
          layers.current.plot.update({ points: data.subarray(0, 2 * n), extent: frameInfo.extent });
          layers.current.density.update({
            grid,
            values: data.subarray(2 * n),
            scale: 'logDensity',
          });
        },
        onDone: () => setRun('done'),
        onError: (message) => setRun('error', { error: message }),
      },
    );
    // `settings` and `frac` are captured through `key`, which changes whenever they do.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, ready, key]);

  return (
    <div className="view-layout">
      <SceneControls forward />
      <section className="view-main" aria-label="Forward noising">
        <div ref={ref} className="plot" data-testid="forward-plot" />
        <div className="forward-slider">
          <NumberControl
            label="t (fraction of the process time)"
            tex={TEX.t}
            testId="t-input"
            value={frac}
            min={0}
            max={1}
            step={0.001}
            onChange={(v) => setParam('t', v)}
          />
          <span className="playback-readout" data-testid="forward-readout">
            {info &&
              `t = ${info.t.toPrecision(4)} · σ = ${info.sigma.toPrecision(3)} · s = ${info.scale.toPrecision(3)}`}
          </span>
        </div>
        <ScheduleChart cursorT={processTime} />
      </section>
    </div>
  );
}
