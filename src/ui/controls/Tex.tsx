import katex from 'katex';
import { useMemo } from 'react';

/** A KaTeX-typeset equation (inline); a malformed string shows as plain text, never throws. */
export function Tex({ tex }: { tex: string }) {
  const html = useMemo(
    () => katex.renderToString(tex, { throwOnError: false, output: 'html' }),
    [tex],
  );
  return <span className="tex" dangerouslySetInnerHTML={{ __html: html }} />;
}
