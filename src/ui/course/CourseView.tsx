import { CHAPTERS, chapterHash, chapterIndex } from '../../state/course';
import { useStore } from '../../state/store';
import { CHAPTER_REFERENCES, CHAPTER_TEXT } from './chapters';
import { CourseFigure } from './CourseFigure';
import './course.css';

/** A chapter link, keeping the reader's backend choice (like the lessons menu). */
export function useChapterHref(): (id: string, present?: boolean) => string {
  const backend = useStore((s) => s.params.backend);
  const keep = backend === 'auto' ? '' : `&backend=${backend}`;
  return (id, present = false) => `#${chapterHash(id)}${keep}${present ? '&present=1' : ''}`;
}

/**
 * The course (view=course): chapters that follow the survey, each with prose and equations,
 * live figures run by the shared worker while on screen, a predict-then-run question and the
 * papers. One chapter per link (`#view=course&chapter=…`).
 */
export function CourseView() {
  const id = useStore((s) => s.params.chapter);
  const href = useChapterHref();
  const index = chapterIndex(id);
  const chapter = CHAPTERS[index];
  const Text = CHAPTER_TEXT[chapter.id];
  const prev = CHAPTERS[index - 1];
  const next = CHAPTERS[index + 1];
  const fig = (figureId: string) => {
    const spec = chapter.figures.find((f) => f.id === figureId);
    if (!spec) return null;
    return (
      <CourseFigure
        key={`${chapter.id}/${spec.id}`}
        chapter={chapter.id}
        spec={spec}
        question={chapter.question.figure === spec.id ? chapter.question : undefined}
      />
    );
  };
  return (
    <div className="course" data-testid="course">
      <nav className="course-nav" aria-label="Chapters">
        <h2>Course</h2>
        <ol>
          {CHAPTERS.map((c, i) => (
            <li key={c.id}>
              <a
                href={href(c.id)}
                aria-current={i === index ? 'page' : undefined}
                data-testid={`chapter-link-${c.id}`}
              >
                {c.title}
              </a>
            </li>
          ))}
        </ol>
        <p className="course-nav-note">
          <a href={href(chapter.id, true)} data-testid="present-link">
            Present this chapter
          </a>{' '}
          (keys: ←/→, space, R, F, ?)
        </p>
      </nav>
      <article className="course-chapter" data-testid={`chapter-${chapter.id}`}>
        <p className="course-kicker">
          Chapter {index + 1} of {CHAPTERS.length}
        </p>
        <h2>{chapter.title}</h2>
        {Text && <Text fig={fig} />}
        <section className="course-refs" aria-label="References">
          <h3>References</h3>
          <ul>
            {(CHAPTER_REFERENCES[chapter.id] ?? []).map((r) => (
              <li key={r.url}>
                <a href={r.url} rel="noreferrer" target="_blank">
                  {r.text}
                </a>
              </li>
            ))}
          </ul>
        </section>
        <nav className="course-pager" aria-label="Previous and next chapter">
          {prev ? (
            <a href={href(prev.id)} data-testid="chapter-prev">
              ← {prev.title}
            </a>
          ) : (
            <span />
          )}
          {next && (
            <a href={href(next.id)} data-testid="chapter-next">
              {next.title} →
            </a>
          )}
        </nav>
      </article>
    </div>
  );
}
