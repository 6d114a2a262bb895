import { LESSONS } from '../../state/lessons';
import { useStore } from '../../state/store';

/** The open lesson's explanation above the view (while `lesson=` is in the link). */
export function LessonBanner() {
  const id = useStore((s) => s.params.lesson);
  const setParam = useStore((s) => s.setParam);
  const present = useStore((s) => s.params.present);
  const lesson = LESSONS.find((l) => l.id === id);
  if (!lesson) return null;
  return (
    <section className="lesson-banner" aria-label="Lesson" data-testid="lesson-banner">
      <h2>{lesson.title}</h2>
      <p>{lesson.text}</p>
      {!present && (
        <a
          href={`#${lesson.hash}&present=1`}
          className="lesson-present"
          data-testid="lesson-present"
        >
          Present
        </a>
      )}
      <button type="button" aria-label="Close the lesson" onClick={() => setParam('lesson', '')}>
        ×
      </button>
    </section>
  );
}
