import type { ReactNode } from 'react';
import type { CourseFigure as FigureSpec, PredictQuestionSpec } from '../../state/course';
import { useStore } from '../../state/store';
import { PredictQuestion } from './PredictQuestion';
import type { FigureRun, FigureState } from './useFigureRun';

/** The full view's link of a figure, keeping the backend the reader picked. */
export function fullViewHref(hash: string, backend: string): string {
  return `#${hash}${backend === 'auto' ? '' : `&backend=${backend}`}`;
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

/**
 * What every course figure shares around its plots: the prediction gate, the control strip with
 * the run's status, the caption with "open in the full view", the legend and the question.
 */
export function FigureFrame({
  chapter,
  spec,
  question,
  present,
  run,
  plotsRef,
  kind,
  step = 0,
  frames = 0,
  legend,
  controls,
  children,
}: {
  chapter: string;
  spec: FigureSpec;
  question?: PredictQuestionSpec;
  present: boolean;
  run: FigureRun;
  /** The plots' element, whose visibility starts and stops the run. */
  plotsRef: React.RefObject<HTMLDivElement | null>;
  kind: string;
  step?: number;
  frames?: number;
  legend: readonly (readonly [key: string, label: string])[];
  /** The strip's controls (playback, a slider); the status follows them. */
  controls: ReactNode;
  /** The plots. */
  children: ReactNode;
}) {
  const backend = useStore((s) => s.params.backend);
  return (
    <figure
      className={`course-figure${present ? ' present-figure' : ''}`}
      data-testid={`figure-${chapter}-${spec.id}`}
      data-state={run.shownState}
      data-step={step}
      data-frames={frames}
      data-kind={kind}
    >
      <div className="course-figure-plots" ref={plotsRef}>
        {children}
        {run.gated && (
          <p className="course-figure-gate" data-testid="figure-gate">
            Make your prediction below; the figure runs once you have.
          </p>
        )}
      </div>
      <div className="course-figure-strip">
        {controls}
        <span className="course-figure-status" data-testid="figure-status">
          {STATUS[run.shownState]}
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
          chosen={run.predicted}
          onPredict={run.predict}
          revealed={run.predicted !== null && run.state === 'done'}
        />
      )}
    </figure>
  );
}
