import { useEffect, useMemo, useState } from 'react';

type Katex = typeof import('katex').default;

/* KaTeX is loaded on the first equation shown (a tooltip opened, the lab's debugger), not with the page. */
let katexLoaded: Katex | null = null;
let katexLoading: Promise<Katex> | null = null;
function loadKatex(): Promise<Katex> {
  katexLoading ??= import('katex').then((m) => (katexLoaded = m.default));
  return katexLoading;
}

/** A KaTeX-typeset equation (inline, or display with `display`); a malformed string shows as plain text, never throws. */
export function Tex({ tex, display = false }: { tex: string; display?: boolean }) {
  const [katex, setKatex] = useState(katexLoaded);
  useEffect(() => {
    if (katex) return;
    let live = true;
    void loadKatex().then((k) => live && setKatex(() => k));
    return () => {
      live = false;
    };
  }, [katex]);
  const html = useMemo(
    () =>
      katex
        ? katex.renderToString(tex, { throwOnError: false, output: 'html', displayMode: display })
        : undefined,
    [katex, tex, display],
  );
  // Until KaTeX arrives (a few ms from the same origin) the source shows as text.
  if (html === undefined) return <span className="tex tex-loading">{tex}</span>;
  return <span className="tex" dangerouslySetInnerHTML={{ __html: html }} />;
}
