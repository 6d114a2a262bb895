import { useEffect, useRef, useState } from 'react';
import type { PredictQuestionSpec } from '../../state/course';
import { useStore } from '../../state/store';
import { courseRuns } from './runQueue';

/** idle: not yet on screen; waiting: for the reader's prediction; queued: behind another figure. */
export type FigureState =
  'idle' | 'waiting' | 'queued' | 'running' | 'done' | 'cancelled' | 'error';

/** What presentation mode's keys do to the figure on screen. */
export interface FigureControls {
  toggle(): void;
  rewind(): void;
}

/** What a figure's run reports back: its end (done or failed). */
export interface RunEnd {
  done(): void;
  failed(message: string): void;
  /** The worker cancelled the run for another's (not this figure's own cancel). */
  cancelled(): void;
}

/** A figure's job: starts on the shared worker, reports its end, returns how to cancel it. */
export type StartRun = (end: RunEnd) => () => void;

export interface FigureRun {
  state: FigureState;
  /** The state the figure shows ('waiting' while its question is unanswered). */
  shownState: FigureState;
  gated: boolean;
  predicted: number | null;
  predict(choice: number): void;
  /** The figure's settings changed (a slider): drop the old run and ask for a new one. */
  restart(): void;
}

/**
 * The life of one course figure's run, whatever it draws: on screen (30% of its plots visible),
 * predicted (when it carries the question) and with the worker ready, it asks the course's run
 * queue for its turn; scrolled away, it withdraws (a running job is cancelled). `start` is read
 * at the moment the queue starts the run, so it sees the figure's latest settings.
 */
export function useFigureRun(
  runKey: string,
  question: PredictQuestionSpec | undefined,
  start: StartRun,
  /** The element whose visibility starts and stops the run (the figure's plots). */
  root: React.RefObject<HTMLDivElement | null>,
): FigureRun {
  const [predicted, setPredicted] = useState<number | null>(null);
  const gated = question !== undefined && predicted === null;
  const [state, setStateValue] = useState<FigureState>('idle');
  /** The figure's facts for callbacks outside render (the observer, the queue, the store). */
  const live = useRef({ state: 'idle' as FigureState, visible: false, gated });
  const startRef = useRef(start);
  const setState = (next: FigureState) => {
    live.current.state = next;
    setStateValue(next);
  };

  const runNow = () => {
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
    const cancel = startRef.current({
      done: () => {
        finish('done');
        setRun('done');
      },
      failed: (message) => {
        finish('error');
        setRun('error', { error: message });
      },
      cancelled: () => !ours && finish('cancelled'),
    });
    return () => {
      if (!running) return;
      running = false;
      ours = true;
      cancel();
      useStore.getState().setRun('idle');
    };
  };

  // Ask for a run when on screen (and predicted) and not yet run, or cut short.
  const maybeRun = () => {
    const f = live.current;
    if (!f.visible || f.gated || useStore.getState().backend === null) return;
    if (f.state !== 'idle' && f.state !== 'cancelled') return;
    setState('queued');
    courseRuns.request({ id: runKey, start: runNow });
  };
  // Scrolled away: a waiting request is dropped, a running job cancelled.
  const visibility = (visible: boolean) => {
    live.current.visible = visible;
    if (visible) maybeRun();
    else if (live.current.state === 'queued' || live.current.state === 'running') {
      courseRuns.withdraw(runKey);
      setState('cancelled');
    }
  };
  const actions = useRef({ visibility, maybeRun });
  useEffect(() => {
    actions.current = { visibility, maybeRun };
    startRef.current = start;
  });

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
  }, [root]);
  // The worker may become ready while the figure is already on screen.
  useEffect(
    () =>
      useStore.subscribe((s, prev) => {
        if (s.backend && !prev.backend) actions.current.maybeRun();
      }),
    [],
  );
  useEffect(() => () => courseRuns.withdraw(runKey), [runKey]);

  return {
    state,
    shownState: gated && state === 'idle' ? 'waiting' : state,
    gated,
    predicted,
    predict: (choice) => {
      setPredicted(choice);
      live.current.gated = false;
      actions.current.maybeRun();
    },
    restart: () => {
      courseRuns.withdraw(runKey);
      setState('idle');
      actions.current.maybeRun();
    },
  };
}
