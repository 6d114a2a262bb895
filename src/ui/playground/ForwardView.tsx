import { useEffect, useMemo, useRef, useState } from 'react';
import { makeProcess } from '../../core/scene/build';
import { timeAtFraction } from '../../core/scene/forward';
import { SCENE_PARAMS, sceneFromParams } from '../../state/scene';
import { useStore } from '../../state/store';
import { createDensityLayer } from '../../viz/density';
import { createParticlePlot, type ParticlePlot } from '../../viz/particles';
import type { DensityLayer } from '../../viz/density';
import type { FrameInfo } from '../../worker/protocol';
import { NumberControl } from '../controls/fields';
import { TEX } from '../help';
import { useParams, useSetParam } from '../useParams';
import { useWorkerClient } from '../workerContext';
import { ExportMenu } from '../export/ExportMenu';
import { forwardFrames } from './frameBuffers';
import { SceneControls } from './SceneControls';
import { ScheduleChart } from './ScheduleChart';
import { useCustomRunData, useDatasetPoints } from './useDatasetPoints';

const DENSITY_SIZE = 64;
/** The fields the forward view reads (its selector): the scene's and t. */
const SHOWN = [...SCENE_PARAMS, 't'] as const;
const LANES = [{ frames: forwardFrames, which: 1 as const }];

/** Forward noising: drag t and every data point moves along q(x_t | x_0) over the exact density. */
export function ForwardView() {
  const client = useWorkerClient();
  const ready = useStore((s) => s.backend !== null);
  const params = useParams(SHOWN);
  const setParam = useSetParam();
  const frac = params.t;
  const ref = useRef<HTMLDivElement>(null);
  const figure = useRef<HTMLDivElement>(null);
  const layers = useRef<{ plot: ParticlePlot; density: DensityLayer } | null>(null);
  const [info, setInfo] = useState<FrameInfo | null>(null);
  const settings = useMemo(() => sceneFromParams(params).settings, [params]);
  const background = useDatasetPoints(settings.dataset);
  const custom = useCustomRunData(settings.dataset);
  const data = custom.data;
  const key = JSON.stringify([
    settings.dataset,
    settings.process,
    settings.betaSchedule,
    settings.particles,
    settings.seed,
    frac,
    settings.flowShift,
    custom.version,
  ]);
  const processTime = timeAtFraction(makeProcess(settings), frac);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const plot = createParticlePlot(el, { extent: 3.5, ariaLabel: 'Data points noised to time t' });
    const density = createDensityLayer(el);
    plot.update({ points: new Float32Array(0), data: background });
    layers.current = { plot, density };
    return () => {
      layers.current = null;
      density.destroy();
      plot.destroy();
    };
  }, [background]);

  useEffect(() => {
    if (!ready) return;
    const [, , , n] = JSON.parse(key) as [string, string, string, number];
    const { setRun } = useStore.getState();
    if (data === null) {
      client.cancel();
      layers.current?.plot.update({ points: new Float32Array(0) });
      layers.current?.density.update(null);
      setRun('idle');
      return;
    }
    setRun('running');
    client.run(
      { kind: 'forward', settings, t: frac, densitySize: DENSITY_SIZE, ...(data ? { data } : {}) },
      {
        onFrame: (_s, _t, frame, frameInfo) => {
          if (!frameInfo || !layers.current) return;
          setInfo(frameInfo);
          forwardFrames.reset(1, n);
          forwardFrames.push({ step: 0, data: frame, info: frameInfo });
          const grid = { size: DENSITY_SIZE, extent: frameInfo.extent };
          layers.current.plot.update({ points: frame.x, extent: frameInfo.extent });
          layers.current.density.update({
            grid,
            values: frame.logp,
            scale: 'logDensity',
          });
        },
        onDone: () => setRun('done'),
        onError: (message) => setRun('error', { error: message }),
      },
    );
    // `settings` and `frac` are captured through `key`, which changes whenever they do.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, ready, key, data]);

  return (
    <div className="view-layout">
      <SceneControls forward />
      <section className="view-main" aria-label="Forward noising">
        <div ref={figure} className="figure">
          <div ref={ref} className="plot" data-testid="forward-plot" />
        </div>
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
        <ExportMenu figure={figure} lanes={LANES} playback={false} />
        <ScheduleChart cursorT={processTime} />
      </section>
    </div>
  );
}
