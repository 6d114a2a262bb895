import { useEffect, useRef, useState } from 'react';
import { CHAPTERS, chapterHash, chapterIndex } from '../../state/course';
import { useStore } from '../../state/store';
import { setPresentTarget } from '../present/target';
import { CHAPTER_REFERENCES, CHAPTER_TEXT } from './chapters/index';
import { CourseFigure } from './CourseFigure';
import type { FigureControls } from './useFigureRun';
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
  const present = useStore((s) => s.params.present);
  return present ? <CourseSlides /> : <CourseText />;
}

/**
 * Presentation mode: one figure at a time, as large as the window allows; ←/→ step through the
 * chapter's figures and on into the next or previous chapter.
 */
function CourseSlides() {
  const id = useStore((s) => s.params.chapter);
  const index = chapterIndex(id);
  const chapter = CHAPTERS[index];
  const [slide, setSlide] = useState(0);
  const shown = Math.min(slide, chapter.figures.length - 1);
  const spec = chapter.figures[shown];
  const controls = useRef<FigureControls | null>(null);

  useEffect(() => {
    const { setParam } = useStore.getState();
    const go = (chapterAt: number, slideAt: number) => {
      const c = CHAPTERS[chapterAt];
      if (!c) return;
      setSlide(slideAt < 0 ? c.figures.length - 1 : slideAt);
      if (c.id !== chapter.id) setParam('chapter', c.id);
    };
    setPresentTarget({
      prev: () => (shown > 0 ? go(index, shown - 1) : go(index - 1, -1)),
      next: () => (shown < chapter.figures.length - 1 ? go(index, shown + 1) : go(index + 1, 0)),
      toggle: () => controls.current?.toggle(),
      rewind: () => controls.current?.rewind(),
      title: `Chapter ${index + 1} of ${CHAPTERS.length} · ${chapter.title} · figure ${shown + 1} of ${chapter.figures.length}`,
    });
  }, [index, chapter, shown]);
  useEffect(() => () => setPresentTarget(null), []);

  return (
    <div className="course course-slides" data-testid="course">
      <article className="course-chapter" data-testid={`chapter-${chapter.id}`} data-slide={shown}>
        <h2>{chapter.title}</h2>
        <CourseFigure
          key={`${chapter.id}/${spec.id}`}
          chapter={chapter.id}
          spec={spec}
          present
          onControls={(c) => {
            controls.current = c;
          }}
        />
      </article>
    </div>
  );
}

function CourseText() {
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
