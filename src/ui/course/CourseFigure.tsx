import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { requireSampler } from '../../core/samplers/registry';
import type { CourseFigure as FigureSpec, PredictQuestionSpec } from '../../state/course';
import { FIELDS } from '../../state/fields';
import { FrameBuffer } from '../../state/frames';
import { model2d, sceneFromParams } from '../../state/scene';
import { useStore } from '../../state/store';
import { decodeHash } from '../../state/urlFields';
import { createDensityLayer } from '../../viz/density';
import { createFieldLayer } from '../../viz/field';
import { createParticlePlot } from '../../viz/particles';
import type { ForwardFrame } from '../../worker/protocol';
import { FIELD_SIZE } from '../playground/frameBuffers';
import { useDatasetPoints } from '../playground/useDatasetPoints';
import { useFrameCount } from '../playground/useFrameCount';
import { useWorkerClient } from '../workerContext';
import { PredictQuestion } from './PredictQuestion';
import { courseRuns } from './runQueue';

/** idle: not yet on screen; waiting: for the reader's prediction; queued: behind another figure. */
export type FigureState =
  'idle' | 'waiting' | 'queued' | 'running' | 'done' | 'cancelled' | 'error';

/** What presentation mode's keys do to the figure on screen. */
export interface FigureControls {
  toggle(): void;
  rewind(): void;
}

const HIGHLIGHT = Int32Array.from([3, 17, 42, 77, 99]);
const TRAIL_FRAMES = 8;
const BASE_FPS = 12;
/** Cells per axis of the forward figure's log-density grid. */
const FORWARD_DENSITY = 64;

/** The full view's link of a figure, keeping the backend the reader picked. */
export function fullViewHref(hash: string, backend: string): string {
  return `#${hash}${backend === 'auto' ? '' : `&backend=${backend}`}`;
}

/**
 * One live figure of the course: a compact instance of the reverse, compare or forward view with
 * its own frames and playback, run by the shared worker through the course's run queue while it
 * is on screen (and, with a question, once the reader has predicted).
 */
export function CourseFigure({
  chapter,
  spec,
  question,
  present = false,
  onControls,
}: {
  chapter: string;
  spec: FigureSpec;
  question?: PredictQuestionSpec;
  present?: boolean;
  /** Presentation mode: receives the figure's play / rewind actions after each render. */
  onControls?: (controls: FigureControls) => void;
}) {
  const client = useWorkerClient();
  const backend = useStore((s) => s.params.backend);
  const params = useMemo(() => decodeHash(FIELDS, spec.hash).params, [spec.hash]);
  const kind =
    params.view === 'compare' ? 'compare' : params.view === 'forward' ? 'forward' : 'reverse';
  const runKey = `${chapter}/${spec.id}`;
  const [t, setT] = useState(params.t);
  const [predicted, setPredicted] = useState<number | null>(null);
  const gated = question !== undefined && predicted === null;
  const [state, setStateValue] = useState<FigureState>('idle');
  /** The figure's facts for callbacks outside render (the observer, the queue, the store). */
  const live = useRef({ state: 'idle' as FigureState, visible: false, gated, t: params.t });
  const setState = (next: FigureState) => {
    live.current.state = next;
    setStateValue(next);
  };
  const [step, setStep] = useState(0);
  const [playing, setPlaying] = useState(true);
  const root = useRef<HTMLDivElement>(null);
  const lanes = useMemo(() => [new FrameBuffer(), new FrameBuffer()] as const, []);
  const forwardFrames = useMemo(() => new FrameBuffer<ForwardFrame>(), []);
  const count0 = useFrameCount(lanes[0]);
  const count1 = useFrameCount(lanes[1]);
  const count = kind === 'compare' ? Math.min(count0, count1) : count0;
  const scene = useMemo(() => sceneFromParams(params, 1).settings, [params]);
  const steps = scene.steps;

  const actions = useRef({ visibility: (_visible: boolean) => {}, maybeRun: () => {} });
  const start = useRef<() => () => void>(() => () => {});

  // On screen: at least 30% of the plots in the viewport (not the caption or the question).
  useEffect(() => {
    const el = root.current;
    const see = (visible: boolean) => actions.current.visibility(visible);
    if (!el || typeof IntersectionObserver === 'undefined') {
      see(true);
      return;
    }
    const observer = new IntersectionObserver(
      ([entry]) => see(entry.isIntersecting && entry.intersectionRatio >= 0.3),
      { threshold: [0, 0.3, 0.6] },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  // The worker may become ready while the figure is already on screen.
  useEffect(
    () =>
      useStore.subscribe((s, prev) => {
        if (s.backend && !prev.backend) actions.current.maybeRun();
      }),
    [],
  );
  useEffect(() => () => courseRuns.withdraw(runKey), [runKey]);

  const runNow = () => {
    const t = live.current.t;
    const { setRun } = useStore.getState();
    let running = true;
    let ours = false;
    setState('running');
    setRun('running');
    const finish = (next: FigureState) => {
      if (!running) return;
      running = false;
      setState(next);
      courseRuns.finished(runKey);
    };
    if (kind === 'forward') {
      forwardFrames.reset(1, scene.particles, runKey);
      client.run(
        { kind: 'forward', settings: scene, t, densitySize: FORWARD_DENSITY },
        {
          onFrame: (_s, _n, frame, info) =>
            info && forwardFrames.push({ step: 0, data: frame, info, key: runKey }),
          onDone: () => {
            finish('done');
            setRun('done');
          },
          onError: (message) => {
            finish('error');
            setRun('error', { error: message });
          },
          onCancelled: () => !ours && finish('cancelled'),
        },
      );
    } else {
      const key = `${runKey}:${Date.now()}`;
      for (const lane of lanes) lane.reset(steps, scene.particles, key);
      setStep(0);
      setPlaying(true);
      const second = kind === 'compare' ? sceneFromParams(params, 2).settings : null;
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
          onDone: () => {
            finish('done');
            setRun('done');
          },
          onError: (message) => {
            finish('error');
            setRun('error', { error: message });
          },
          onCancelled: () => !ours && finish('cancelled'),
        },
      );
      const askField = (s: number) => client.field(runId, s);
      for (const lane of lanes) lane.askFieldsOf(askField);
    }
    return () => {
      if (!running) return;
      running = false;
      ours = true;
      client.cancel();
      useStore.getState().setRun('idle');
    };
  };

  useEffect(() => {
    actions.current = {
      // Ask for a run when on screen (and predicted) and not yet run, or cut short.
      maybeRun: () => {
        const f = live.current;
        if (!f.visible || f.gated || useStore.getState().backend === null) return;
        if (f.state !== 'idle' && f.state !== 'cancelled') return;
        setState('queued');
        courseRuns.request({ id: runKey, start: () => start.current() });
      },
      // Scrolled away: a waiting request is dropped, a running job cancelled.
      visibility: (visible) => {
        live.current.visible = visible;
        if (visible) actions.current.maybeRun();
        else if (live.current.state === 'queued' || live.current.state === 'running') {
          courseRuns.withdraw(runKey);
          setState('cancelled');
        }
      },
    };
    start.current = () => runNow();
  });

  // A new t is a new forward run.
  const changeT = (value: number) => {
    setT(value);
    live.current.t = value;
    courseRuns.withdraw(runKey);
    setState('idle');
    actions.current.maybeRun();
  };
  const predict = (choice: number) => {
    setPredicted(choice);
    live.current.gated = false;
    actions.current.maybeRun();
  };

  // Playback clock: advance over the frames computed so far; stop at the end of a finished run.
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
          if (next === s && live.current.state === 'done' && limit >= steps) setPlaying(false);
          return next;
        });
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing, kind, lanes, steps]);

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

  const shownState: FigureState = gated && state === 'idle' ? 'waiting' : state;
  const frame = lanes[0].at(shown);
  const name = (id: string) => requireSampler(id).name;
  const legend =
    kind === 'forward'
      ? [
          ['particles', 'noised points x_t'],
          ['density', 'exact density of x_t (darker = denser)'],
        ]
      : [
          ['particles', 'particles x_t'],
          ['data', 'data (grey)'],
          ...(kind === 'compare'
            ? [['paths', 'five particles’ paths']]
            : [['arrows', 'score direction']]),
        ];

  let body: ReactNode;
  if (kind === 'forward') {
    body = <ForwardPlot frames={forwardFrames} dataset={scene.dataset} label={spec.caption} />;
  } else if (kind === 'compare') {
    const second = sceneFromParams(params, 2).settings;
    body = (
      <div className="course-compare">
        <div>
          <h4 className="panel-title">{name(scene.sampler)}</h4>
          <ScenePlot
            frames={lanes[0]}
            step={shown}
            dataset={scene.dataset}
            label={`${name(scene.sampler)} particles`}
            highlight
            field={false}
          />
        </div>
        <div>
          <h4 className="panel-title">{name(second.sampler)}</h4>
          <ScenePlot
            frames={lanes[1]}
            step={shown}
            dataset={scene.dataset}
            label={`${name(second.sampler)} particles`}
            highlight
            field={false}
          />
        </div>
      </div>
    );
  } else {
    body = (
      <ScenePlot
        frames={lanes[0]}
        step={shown}
        dataset={scene.dataset}
        label={spec.caption}
        field
      />
    );
  }

  return (
    <figure
      className={`course-figure${present ? ' present-figure' : ''}`}
      data-testid={`figure-${chapter}-${spec.id}`}
      data-state={shownState}
      data-step={shown}
      data-frames={count}
      data-kind={kind}
    >
      <div className="course-figure-plots" ref={root}>
        {body}
        {gated && (
          <p className="course-figure-gate" data-testid="figure-gate">
            Make your prediction below; the figure runs once you have.
          </p>
        )}
      </div>
      <div className="course-figure-strip">
        {kind === 'forward' ? (
          <label className="course-t">
            t
            <input
              type="range"
              min={0}
              max={1}
              step={0.01}
              value={t}
              aria-label="Time t (fraction of the process)"
              onChange={(e) => changeT(Number(e.target.value))}
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
              max={Math.max(0, steps)}
              value={shown}
              aria-label="Step"
              onChange={(e) => {
                setPlaying(false);
                setStep(Number(e.target.value));
              }}
            />
            <span className="playback-readout">
              step {shown} / {steps}
              {frame && ` · σ = ${frame.info.sigma.toPrecision(3)}`}
            </span>
          </>
        )}
        <span className="course-figure-status" data-testid="figure-status">
          {STATUS[shownState]}
        </span>
      </div>
      <figcaption>
        {spec.caption}{' '}
        <a href={fullViewHref(spec.hash, backend)} data-testid="open-full-view">
          Open in the full view
        </a>
      </figcaption>
      <ul className="course-legend" aria-label="Legend">
        {legend.map(([key, label]) => (
          <li key={key}>
            <span className={`swatch swatch-${key}`} aria-hidden="true" />
            {label}
          </li>
        ))}
      </ul>
      {question && !present && (
        <PredictQuestion
          question={question}
          chapter={chapter}
          chosen={predicted}
          onPredict={predict}
          revealed={predicted !== null && state === 'done'}
        />
      )}
    </figure>
  );
}

const STATUS: Record<FigureState, string> = {
  idle: '',
  waiting: 'waiting for your prediction',
  queued: 'waiting for the figure above',
  running: 'running…',
  done: 'done',
  cancelled: 'paused off screen',
  error: 'failed (see the notices)',
};

/** A particle plot of one lane at one step: particles, grey data, trails, and arrows or paths. */
function ScenePlot({
  frames,
  step,
  dataset,
  label,
  highlight = false,
  field = true,
}: {
  frames: FrameBuffer;
  step: number;
  dataset: string;
  label: string;
  highlight?: boolean;
  field?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const background = useDatasetPoints(dataset);
  const stepRef = useRef(step);
  const draw = useRef<() => void>(() => {});

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const plot = createParticlePlot(el, { extent: 3.5, ariaLabel: label });
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
      plot.destroy();
    };
  }, [frames, background, label, highlight, field]);

  useEffect(() => {
    stepRef.current = step;
    draw.current();
  }, [step]);
  return <div ref={ref} className="plot" data-figure="" />;
}

/** The forward figure: x_t over the exact log-density of the noised data. */
function ForwardPlot({
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
