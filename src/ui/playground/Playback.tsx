import { useStore } from '../../state/store';
import { Icon } from '../controls/Icon';
import { Tip } from '../controls/Tip';
import { TEX } from '../help';
import { useHidden } from '../useHidden';
import { usePlaybackKeys } from './usePlaybackKeys';
import type { FrameBuffer } from '../../state/frames';
import { useFrameCount } from './useFrameCount';
import { usePlaybackClock } from './usePlayback';

/** Play / pause / step / scrub / speed over the frames of the current run. Keys: space, ←, →, R. */
export function Playback({
  frames,
  also,
}: {
  frames: FrameBuffer<unknown>;
  also?: FrameBuffer<unknown>;
}) {
  usePlaybackClock(frames, also);
  const mainCount = useFrameCount(frames);
  const alsoCount = useFrameCount(also ?? frames);
  const count = Math.min(mainCount, alsoCount);
  const { step, playing } = useStore((s) => s.playback);
  const speed = Number(useStore((s) => s.params.speed));
  const setPlayback = useStore((s) => s.setPlayback);
  const setParam = useStore((s) => s.setParam);
  const hidden = useHidden();
  const last = Math.max(0, count - 1);
  const shown = Math.min(step, last);
  const frame = frames.at(shown);
  // A step past the frames computed so far (the end, asked for while the run streams) is kept:
  // the view shows the latest frame and follows the run up to that step.
  const go = (s: number) =>
    setPlayback({ step: Math.max(0, Math.min(frames.total, s)), playing: false });
  const toggle = () =>
    setPlayback({ playing: !playing, step: !playing && shown >= frames.total ? 0 : shown });
  usePlaybackKeys({ toggle, step: (d) => go(shown + d), reset: () => go(0) });

  return (
    <div className="playback" role="group" aria-label="Playback" data-testid="playback">
      <button
        type="button"
        onClick={() => go(shown - 1)}
        disabled={shown === 0}
        aria-label="Step back"
        aria-keyshortcuts="ArrowLeft"
        data-testid="step-back"
      >
        <Icon name="back" />
      </button>
      <button
        type="button"
        data-testid="play-pause"
        data-playing={playing}
        aria-label={playing ? 'Pause' : 'Play'}
        aria-keyshortcuts="Space"
        onClick={toggle}
      >
        <Icon name={playing ? 'pause' : 'play'} />
      </button>
      <button
        type="button"
        onClick={() => go(shown + 1)}
        disabled={shown >= last}
        aria-label="Step forward"
        aria-keyshortcuts="ArrowRight"
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
      {!hidden('speed') && (
        <label className="speed">
          speed
          <Tip tex={TEX.speed} />
          <select
            value={speed}
            data-testid="speed-select"
            onChange={(e) => setParam('speed', Number(e.target.value))}
          >
            {[0.25, 0.5, 1, 2, 4, 8].map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
      )}
      <span className="key-hint" aria-hidden="true">
        space play/pause · ←/→ step · R rewind
      </span>
    </div>
  );
}
