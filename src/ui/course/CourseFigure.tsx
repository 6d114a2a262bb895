import { useMemo } from 'react';
import type { CourseFigure as FigureSpec, PredictQuestionSpec } from '../../state/course';
import { FIELDS } from '../../state/fields';
import { decodeHash } from '../../state/urlFields';
import { DiscreteFigure } from './figures/DiscreteFigure';
import { ElboFigure } from './figures/ElboFigure';
import { LatentFigure } from './figures/LatentFigure';
import { ManifoldFigure } from './figures/ManifoldFigure';
import { SceneFigure } from './figures/SceneFigure';
import type { FigureControls } from './useFigureRun';

export type { FigureState } from './useFigureRun';

/**
 * One live figure of the course: a compact instance of the view its link names (reverse,
 * compare, forward, discrete, manifold, latent; or the discrete view's likelihood panel), run by the
 * shared worker through the course's run queue while it is on screen (and, with a question,
 * once the reader has predicted).
 */
export function CourseFigure({
  chapter,
  spec,
  question,
  present = false,
  onControls,
}: {
  chapter: string;
  spec: FigureSpec;
  question?: PredictQuestionSpec;
  present?: boolean;
  /** Presentation mode: receives the figure's play / rewind actions after each render. */
  onControls?: (controls: FigureControls) => void;
}) {
  const params = useMemo(() => decodeHash(FIELDS, spec.hash).params, [spec.hash]);
  const props = { chapter, spec, question, present };
  if (spec.panel === 'likelihood') return <ElboFigure {...props} />;
  if (params.view === 'discrete') return <DiscreteFigure {...props} params={params} />;
  if (params.view === 'manifold') return <ManifoldFigure {...props} params={params} />;
  if (params.view === 'latent') return <LatentFigure {...props} params={params} />;
  return <SceneFigure {...props} params={params} onControls={onControls} />;
}
