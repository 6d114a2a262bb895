import { useRef } from 'react';
import { LESSONS } from '../../state/lessons';
import { useStore } from '../../state/store';
import { useHidden } from '../useHidden';

/**
 * The header's menu of lesson links; following one replaces every setting with the lesson's,
 * except the compute backend the user picked.
 */
export function LessonsMenu() {
  const hidden = useHidden();
  const backend = useStore((s) => s.params.backend);
  const keep = backend === 'auto' ? '' : `&backend=${backend}`;
  const ref = useRef<HTMLDetailsElement>(null);
  if (hidden('lessons')) return null;
  return (
    <details className="lessons-menu" ref={ref} data-testid="lessons-menu">
      <summary>Lessons</summary>
      <ul>
        {LESSONS.map((l) => (
          <li key={l.id}>
            <a
              href={`#${l.hash}${keep}`}
              data-testid={`lesson-link-${l.id}`}
              onClick={() => ref.current?.removeAttribute('open')}
            >
              {l.title}
            </a>
            <span className="lesson-summary">{l.text}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
