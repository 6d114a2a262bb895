/**
 * The course's prose, one component per chapter (ids and figures in src/state/course.ts). Every
 * equation is the one the code runs: each file names the code its equations come from.
 */
import * as discrete from './discrete';
import * as distillation from './distillation';
import * as foundations from './foundations';
import * as guidance from './guidance';
import * as latent from './latent';
import * as likelihood from './likelihood';
import * as manifolds from './manifolds';
import * as sampling from './sampling';
import * as scores from './scores';
import type { ChapterProps, Reference } from './tex';

const GROUPS = [
  foundations,
  scores,
  sampling,
  guidance,
  likelihood,
  discrete,
  distillation,
  manifolds,
  latent,
];

export const CHAPTER_TEXT: Record<string, (props: ChapterProps) => React.ReactNode> = Object.assign(
  {},
  ...GROUPS.map((g) => g.TEXT),
);

export const CHAPTER_REFERENCES: Record<string, readonly Reference[]> = Object.assign(
  {},
  ...GROUPS.map((g) => g.REFERENCES),
);
