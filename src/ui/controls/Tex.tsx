import katex from 'katex';
import { useMemo } from 'react';

/** A KaTeX-typeset equation (inline, or display with `display`); a malformed string shows as plain text, never throws. */
export function Tex({ tex, display = false }: { tex: string; display?: boolean }) {
  const html = useMemo(
    () => katex.renderToString(tex, { throwOnError: false, output: 'html', displayMode: display }),
    [tex, display],
  );
  return <span className="tex" dangerouslySetInnerHTML={{ __html: html }} />;
}
