import { useEffect, useMemo, useRef, useState } from 'react';
import { requireSampler } from '../../../core/samplers/registry';
import { FrameBuffer } from '../../../state/frames';
import { model2d, regionFromParams, sceneFromParams } from '../../../state/scene';
import type { ForwardFrame } from '../../../worker/protocol';
import { FIELD_SIZE } from '../../playground/frameBuffers';
import { useFrameCount } from '../../playground/useFrameCount';
import { useWorkerClient } from '../../workerContext';
import { FigureFrame } from '../FigureFrame';
import type { LinkedFigureProps } from '../figureProps';
import { useFigureRun, type FigureControls, type StartRun } from '../useFigureRun';
import { FORWARD_DENSITY, ForwardPlot, ScenePlot } from './ScenePlots';

const BASE_FPS = 12;

/**
 * A compact reverse, compare or forward view: its own frames and playback, the scene decoded from
 * the figure's link, run by the shared worker when the course's queue gives it its turn.
 */
export function SceneFigure({
  chapter,
  spec,
  params,
  question,
  present,
  onControls,
}: LinkedFigureProps & {
  onControls?: (controls: FigureControls) => void;
}) {
  const client = useWorkerClient();
  const kind =
    params.view === 'compare' ? 'compare' : params.view === 'forward' ? 'forward' : 'reverse';
  const runKey = `${chapter}/${spec.id}`;
  const [t, setT] = useState(params.t);
  const tNow = useRef(params.t);
  const [step, setStep] = useState(0);
  const [playing, setPlaying] = useState(true);
  const lanes = useMemo(() => [new FrameBuffer(), new FrameBuffer()] as const, []);
  const forwardFrames = useMemo(() => new FrameBuffer<ForwardFrame>(), []);
  const count0 = useFrameCount(lanes[0]);
  const count1 = useFrameCount(lanes[1]);
  const count = kind === 'compare' ? Math.min(count0, count1) : count0;
  const scene = useMemo(() => sceneFromParams(params, 1).settings, [params]);
  const second = useMemo(
    () => (kind === 'compare' ? sceneFromParams(params, 2).settings : null),
    [params, kind],
  );
  const region = useMemo(() => regionFromParams(params), [params]);
  const steps = scene.steps;

  const start: StartRun = (end) => {
    const handlers = {
      onDone: end.done,
      onError: end.failed,
      onCancelled: end.cancelled,
    };
    if (kind === 'forward') {
      forwardFrames.reset(1, scene.particles, runKey);
      client.run(
        { kind: 'forward', settings: scene, t: tNow.current, densitySize: FORWARD_DENSITY },
        {
          onFrame: (_s, _n, frame, info) =>
            info && forwardFrames.push({ step: 0, data: frame, info, key: runKey }),
          ...handlers,
        },
      );
    } else {
      const key = `${runKey}:${Date.now()}`;
      for (const lane of lanes) lane.reset(steps, scene.particles, key);
      setStep(0);
      setPlaying(true);
      const runId = client.run(
        {
          kind: 'scene',
          settings: scene,
          model: model2d(params),
          fieldSize: FIELD_SIZE,
          ...(second
            ? { second: { sampler: second.sampler, samplerParams: second.samplerParams } }
            : {}),
        },
        {
          onFrame: (s, _n, data, info) =>
            info && lanes[info.lane]?.push({ step: s, data, info, key }),
          ...handlers,
        },
      );
      const askField = (s: number) => client.field(runId, s);
      for (const lane of lanes) lane.askFieldsOf(askField);
    }
    return () => client.cancel();
  };
  const plots = useRef<HTMLDivElement>(null);
  const run = useFigureRun(runKey, question, start, plots);

  // Playback clock: advance over the frames computed so far; stop at the end of a finished run.
  const finished = useRef(false);
  useEffect(() => {
    finished.current = run.state === 'done';
  });
  useEffect(() => {
    if (!playing || kind === 'forward') return;
    let raf = 0;
    let last = performance.now();
    let carry = 0;
    const tick = (now: number) => {
      carry += ((now - last) / 1000) * BASE_FPS;
      last = now;
      const advance = Math.floor(carry);
      if (advance > 0) {
        carry -= advance;
        const limit = Math.min(lanes[0].count, kind === 'compare' ? lanes[1].count : Infinity) - 1;
        setStep((s) => {
          const next = Math.max(0, Math.min(limit, s + advance));
          if (next === s && finished.current && limit >= 1) setPlaying(false);
          return next;
        });
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing, kind, lanes]);

  const last = Math.max(0, count - 1);
  const shown = Math.min(step, last);
  const toggle = () => {
    if (!playing && shown >= last) setStep(0);
    setPlaying(!playing);
  };
  const rewind = () => {
    setStep(0);
    setPlaying(false);
  };
  useEffect(() => {
    onControls?.({ toggle, rewind });
  });

  const frame = lanes[0].at(shown);
  const name = (id: string) => requireSampler(id).name;
  const legend: [string, string][] =
    kind === 'forward'
      ? [
          ['particles', 'noised points x_t'],
          ['density', 'exact density of x_t (darker = denser)'],
        ]
      : [
          ['particles', 'particles x_t'],
          ['data', 'data (grey)'],
          kind === 'compare' ? ['paths', 'five particles’ paths'] : ['arrows', 'score direction'],
          ...(region ? [['region', 'the constraint region (shaded)'] as [string, string]] : []),
        ];
  const panel = (lane: 0 | 1, sampler: string) => (
    <div>
      <h4 className="panel-title">{name(sampler)}</h4>
      <ScenePlot
        frames={lanes[lane]}
        step={shown}
        dataset={scene.dataset}
        label={`${name(sampler)} particles`}
        highlight
        field={false}
      />
    </div>
  );

  const controls =
    kind === 'forward' ? (
      <label className="course-t">
        t
        <input
          type="range"
          min={0}
          max={1}
          step={0.01}
          value={t}
          aria-label="Time t (fraction of the process)"
          onChange={(e) => {
            // A new t is a new forward run.
            const value = Number(e.target.value);
            setT(value);
            tNow.current = value;
            run.restart();
          }}
        />
        <span className="playback-readout">{t.toFixed(2)}</span>
      </label>
    ) : (
      <>
        <button
          type="button"
          onClick={toggle}
          aria-label={playing ? 'Pause' : 'Play'}
          data-testid="figure-play"
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" onClick={rewind} aria-label="Rewind to x_T">
          Rewind
        </button>
        <input
          type="range"
          min={0}
          max={Math.max(0, last, steps)}
          value={shown}
          aria-label="Step"
          onChange={(e) => {
            setPlaying(false);
            setStep(Number(e.target.value));
          }}
        />
        <span className="playback-readout">
          step {shown} / {Math.max(steps, last)}
          {frame && ` · σ = ${frame.info.sigma.toPrecision(3)}`}
        </span>
      </>
    );

  return (
    <FigureFrame
      chapter={chapter}
      spec={spec}
      question={question}
      present={present}
      run={run}
      plotsRef={plots}
      kind={kind}
      step={shown}
      frames={count}
      legend={legend}
      controls={controls}
    >
      {kind === 'forward' ? (
        <ForwardPlot frames={forwardFrames} dataset={scene.dataset} label={spec.caption} />
      ) : second ? (
        <div className="course-compare">
          {panel(0, scene.sampler)}
          {panel(1, second.sampler)}
        </div>
      ) : (
        <ScenePlot
          frames={lanes[0]}
          step={shown}
          dataset={scene.dataset}
          label={spec.caption}
          field
          region={region}
        />
      )}
    </FigureFrame>
  );
}
