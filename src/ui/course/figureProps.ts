import type { CourseFigure as FigureSpec, PredictQuestionSpec } from '../../state/course';
import type { Params } from '../../state/fields';

/** What CourseFigure hands every kind of figure. */
export interface FigureProps {
  chapter: string;
  spec: FigureSpec;
  question?: PredictQuestionSpec;
  present: boolean;
}

/** A figure that runs the decoded link of its spec. */
export type LinkedFigureProps = FigureProps & { params: Params };
