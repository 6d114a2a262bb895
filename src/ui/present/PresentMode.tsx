import { useEffect, useState, useSyncExternalStore } from 'react';
import { LESSONS } from '../../state/lessons';
import { useStore } from '../../state/store';
import { getPresentTarget, subscribePresentTarget, type PresentTarget } from './target';
import './present.css';

const KEYS: readonly [string, string][] = [
  ['← / →', 'previous / next lesson or chapter step'],
  ['Space', 'play / pause'],
  ['R', 'rewind to x_T'],
  ['F', 'full screen on / off'],
  ['?', 'show / hide these keys'],
  ['Esc', 'close this list'],
];

/** Elements that keep their own keys (typing, sliding, choosing). */
const OWNS_KEYS = 'input, select, textarea, [contenteditable="true"]';

function toggleFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
  else void document.documentElement.requestFullscreen?.().catch(() => {});
}

/** Lessons as presentation steps: ←/→ move through the lesson list, keeping present=1. */
function lessonTarget(): PresentTarget {
  const { params, setPlayback } = useStore.getState();
  const keep = params.backend === 'auto' ? '' : `&backend=${params.backend}`;
  const i = LESSONS.findIndex((l) => l.id === params.lesson);
  const go = (j: number) => {
    const lesson = LESSONS[(j + LESSONS.length) % LESSONS.length];
    window.location.hash = `${lesson.hash}${keep}&present=1`;
  };
  return {
    prev: () => go(i < 0 ? LESSONS.length - 1 : i - 1),
    next: () => go(i + 1),
    toggle: () => {
      const { playing } = useStore.getState().playback;
      setPlayback({ playing: !playing });
    },
    rewind: () => setPlayback({ step: 0, playing: false }),
    title:
      i < 0 ? 'Diffusion Playground' : `Lesson ${i + 1} of ${LESSONS.length} · ${LESSONS[i].title}`,
  };
}

/**
 * Presentation mode (present=1): the figure fills the window in large type, the app's chrome is
 * hidden, and a minimal strip offers the keys: ←/→ previous / next step, space play / pause,
 * R rewind, F full screen, ? the list of keys.
 */
export function PresentMode() {
  const [help, setHelp] = useState(false);
  const lesson = useStore((s) => s.params.lesson);
  const course = useSyncExternalStore(subscribePresentTarget, getPresentTarget);
  const setParam = useStore((s) => s.setParam);
  const target = () => getPresentTarget() ?? lessonTarget();
  const title = course?.title ?? lessonTarget().title;
  void lesson;

  useEffect(() => {
    document.documentElement.classList.add('presenting');
    return () => document.documentElement.classList.remove('presenting');
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey) return;
      const el = e.target instanceof Element ? e.target : null;
      if (el?.closest(OWNS_KEYS)) return;
      const t = getPresentTarget() ?? lessonTarget();
      if (e.key === 'ArrowLeft') t.prev();
      else if (e.key === 'ArrowRight') t.next();
      else if (e.key === ' ' && !el?.closest('button, a, summary')) t.toggle();
      else if (e.key === 'r' || e.key === 'R') t.rewind();
      else if (e.key === 'f' || e.key === 'F') toggleFullscreen();
      else if (e.key === '?') setHelp((h) => !h);
      else if (e.key === 'Escape') setHelp(false);
      else return;
      e.preventDefault();
      e.stopPropagation();
    };
    // Capture: ahead of the views' own playback keys, which yield to a handled key.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  return (
    <>
      <nav className="present-strip" aria-label="Presentation" data-testid="present-strip">
        <span className="present-title" data-testid="present-title">
          {title}
        </span>
        <button type="button" onClick={() => target().prev()} aria-keyshortcuts="ArrowLeft">
          ← Previous
        </button>
        <button type="button" onClick={() => target().toggle()} aria-keyshortcuts="Space">
          Play / pause
        </button>
        <button type="button" onClick={() => target().rewind()} aria-keyshortcuts="R">
          Rewind
        </button>
        <button type="button" onClick={() => target().next()} aria-keyshortcuts="ArrowRight">
          Next →
        </button>
        <button type="button" onClick={toggleFullscreen} aria-keyshortcuts="F">
          Full screen
        </button>
        <button type="button" onClick={() => setHelp((h) => !h)} aria-keyshortcuts="?">
          Keys
        </button>
        <button type="button" onClick={() => setParam('present', false)} data-testid="present-exit">
          Exit
        </button>
      </nav>
      {help && (
        <div className="present-help" role="dialog" aria-label="Keys" data-testid="present-help">
          <h2>Keys</h2>
          <dl>
            {KEYS.map(([k, what]) => (
              <div key={k}>
                <dt>
                  <kbd>{k}</kbd>
                </dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
          <button type="button" onClick={() => setHelp(false)}>
            Close
          </button>
        </div>
      )}
    </>
  );
}
