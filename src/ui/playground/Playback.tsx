import { useStore } from '../../state/store';
import { Icon } from '../controls/Icon';
import type { FrameBuffer } from '../../state/frames';
import { useFrameCount } from './useFrameCount';
import { usePlaybackClock } from './usePlayback';

/** Play / pause / step / scrub / speed over the frames of the current run. Keyboard: space, ←, →. */
export function Playback({ frames, also }: { frames: FrameBuffer; also?: FrameBuffer }) {
  usePlaybackClock(frames, also);
  const mainCount = useFrameCount(frames);
  const alsoCount = useFrameCount(also ?? frames);
  const count = Math.min(mainCount, alsoCount);
  const { step, playing } = useStore((s) => s.playback);
  const speed = Number(useStore((s) => s.params.speed));
  const setPlayback = useStore((s) => s.setPlayback);
  const setParam = useStore((s) => s.setParam);
  const last = Math.max(0, count - 1);
  const shown = Math.min(step, last);
  const frame = frames.at(shown);
  const go = (s: number) => setPlayback({ step: Math.max(0, Math.min(last, s)), playing: false });

  return (
    <div
      className="playback"
      role="group"
      aria-label="Playback"
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft') go(shown - 1);
        else if (e.key === 'ArrowRight') go(shown + 1);
        else return;
        e.preventDefault();
      }}
    >
      <button
        type="button"
        onClick={() => go(shown - 1)}
        disabled={shown === 0}
        aria-label="Step back"
        data-testid="step-back"
      >
        <Icon name="back" />
      </button>
      <button
        type="button"
        data-testid="play-pause"
        aria-label={playing ? 'Pause' : 'Play'}
        onClick={() =>
          setPlayback({ playing: !playing, step: !playing && shown >= frames.total ? 0 : shown })
        }
      >
        <Icon name={playing ? 'pause' : 'play'} />
      </button>
      <button
        type="button"
        onClick={() => go(shown + 1)}
        disabled={shown >= last}
        aria-label="Step forward"
        data-testid="step-forward"
      >
        <Icon name="forward" />
      </button>
      <input
        type="range"
        aria-label="Step"
        data-testid="scrub"
        min={0}
        max={Math.max(frames.total, 1)}
        value={shown}
        onChange={(e) => go(Number(e.target.value))}
      />
      <span
        className="playback-readout"
        data-testid="step-readout"
        data-step={shown}
        data-total={frames.total}
      >
        step {shown}/{frames.total}
        {frame && (
          <>
            {' '}
            · σ = {frame.info.sigma.toPrecision(3)} · t = {frame.info.t.toPrecision(3)} · NFE{' '}
            {frame.info.nfe}
          </>
        )}
      </span>
      <label className="speed">
        speed
        <select value={speed} onChange={(e) => setParam('speed', Number(e.target.value))}>
          {[0.25, 0.5, 1, 2, 4, 8].map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
