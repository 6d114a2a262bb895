import { Tex } from '../../controls/Tex';

/** A chapter's prose: `fig(id)` places the chapter's figure (with its question, if it has one). */
export interface ChapterProps {
  /** The chapter's figure by id, with its question when it has one. */
  fig(id: string): React.ReactNode;
}

export interface Reference {
  text: string;
  url: string;
}

/** Inline and display KaTeX. */
export const T = ({ children }: { children: string }) => <Tex tex={children} />;
export const D = ({ children }: { children: string }) => <Tex tex={children} display />;
