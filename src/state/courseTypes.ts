/**
 * The course (view=course): chapters that follow the survey, each with live figures and one
 * "predict, then run" question. These are the types of what is data (ids, titles, the figures'
 * links, the questions); the prose and equations live in src/ui/course/chapters/.
 *
 * A figure is a link (a URL hash without '#', like a lesson's): the course decodes it into the
 * same settings the full view would run, and "open in the full view" is that very link.
 */
export interface CourseFigure {
  /** Unique within the chapter; the figure's test id is `figure-<chapter>-<id>`. */
  id: string;
  /** `view=reverse|compare|forward|discrete|manifold|latent&…`: what it runs, in the full view's fields. */
  hash: string;
  /** One sentence under the figure. */
  caption: string;
  /** The full view's panel the figure shows instead of a run (the discrete view's likelihood). */
  panel?: 'likelihood';
}

export interface PredictQuestionSpec {
  /** The figure whose run reveals the answer (its run waits for the prediction). */
  figure: string;
  prompt: string;
  choices: readonly string[];
  /** Index into choices. */
  answer: number;
  /** Shown once the figure's run is done: why the answer is what the figure shows. */
  explanation: string;
}

export interface Chapter {
  id: string;
  title: string;
  figures: readonly CourseFigure[];
  question: PredictQuestionSpec;
}
