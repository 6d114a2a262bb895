import { useStore } from '../../state/store';
import type { TrainAction } from '../../worker/protocol';
import { Icon } from '../controls/Icon';
import { useTrainSession } from './useTrainRun';

const BACKEND_LABELS: Record<string, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

const fmt = (v: number, digits = 3) => (Number.isFinite(v) ? v.toPrecision(digits) : '–');
const times = (v: number) => (!Number.isFinite(v) ? '–' : v >= 10 ? v.toFixed(0) : v.toFixed(1));

/**
 * Start / pause / resume / step / reset, and the run's figures. The status element carries them
 * as data attributes for tests: losses as the mean of the first 10 and the latest 50 steps,
 * errors as the mean over t of E‖D_θ − D*‖² at step 0 and at the latest snapshot.
 */
export function TrainToolbar({
  start,
  control,
  settingsKey,
  ready,
}: {
  start(): void;
  control(action: TrainAction): void;
  /** The settings as they are now, to say when the run no longer matches them. */
  settingsKey: string;
  ready: boolean;
}) {
  const session = useTrainSession();
  const backend = useStore((s) => s.backend);
  const stale = !['upload', settingsKey].includes(session.startedFrom);
  const { state, step, losses, snapshot, initial } = session;
  const live = state === 'running' || state === 'paused' || state === 'starting';
  const lossStart = losses.meanRaw(0, 10);
  const lossRecent = losses.meanRaw(losses.length - 50, losses.length);
  const errorStart = initial?.meanError ?? NaN;
  const errorNow = snapshot?.meanError ?? NaN;
  const diverged = losses.divergedAt >= 0;
  return (
    <div className="train-toolbar" role="group" aria-label="Training">
      <button type="button" data-testid="train-start" disabled={!ready} onClick={start}>
        {live ? 'New run' : 'Start'}
      </button>
      {state === 'running' ? (
        <button
          type="button"
          data-testid="train-pause"
          onClick={() => control({ action: 'pause' })}
        >
          <Icon name="pause" /> Pause
        </button>
      ) : (
        <button
          type="button"
          data-testid="train-resume"
          disabled={state !== 'paused'}
          onClick={() => control({ action: 'resume' })}
        >
          <Icon name="play" /> Resume
        </button>
      )}
      <button
        type="button"
        data-testid="train-step"
        disabled={state !== 'paused'}
        onClick={() => control({ action: 'step', steps: 1 })}
        title="Train one step, then update every view"
      >
        Step
      </button>
      <button
        type="button"
        data-testid="train-step-10"
        disabled={state !== 'paused'}
        onClick={() => control({ action: 'step', steps: 10 })}
      >
        +10
      </button>
      <button
        type="button"
        data-testid="train-reset"
        disabled={!live}
        onClick={() => control({ action: 'reset' })}
        title="Back to the starting weights at step 0"
      >
        Reset
      </button>
      <output
        className="train-status"
        data-testid="train-status"
        data-state={state}
        data-step={step}
        data-snapshot-step={snapshot?.info.step ?? ''}
        data-snapshot-ms={snapshot?.info.ms ?? ''}
        data-loss-start={lossStart}
        data-loss-recent={lossRecent}
        data-error-start={errorStart}
        data-error={errorNow}
        data-error-curve={snapshot ? Array.from(snapshot.error).join(',') : ''}
        data-steps-per-second={session.stepsPerSecond}
        data-backend={backend?.id ?? ''}
      >
        {state} · step {step}
        {Number.isFinite(session.stepsPerSecond) &&
          ` · ${Math.round(session.stepsPerSecond)} steps/s on ${BACKEND_LABELS[backend?.id ?? ''] ?? '…'}`}
        {losses.length > 0 &&
          ` · loss ${fmt(lossRecent)} (smoothed ${fmt(losses.latestSmoothed)}, start ${fmt(lossStart)})`}
        {snapshot &&
          Number.isFinite(errorNow) &&
          ` · error to exact ${fmt(errorNow)} at step ${snapshot.info.step} (step 0: ${fmt(errorStart)}, ${times(errorStart / errorNow)}× lower)`}
      </output>
      {stale && live && (
        <p className="train-note" data-testid="train-stale">
          The settings changed since this run started: press New run to train with them.
        </p>
      )}
      {diverged && (
        <p className="train-note error" role="alert">
          The loss became NaN at step {losses.divergedAt}: training diverged. Lower the learning
          rate and start a new run.
        </p>
      )}
      {state === 'error' && session.error && (
        <p className="train-note error" role="alert" data-testid="train-error">
          {session.error}
        </p>
      )}
    </div>
  );
}
