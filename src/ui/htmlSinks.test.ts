import katex from 'katex';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('..', import.meta.url).pathname;
const SINKS =
  /innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write|\.html\(/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('user text never reaches an HTML sink', () => {
  it('the only HTML the app writes is KaTeX output, in Tex.tsx', () => {
    const writers = sources(SRC).filter((path) => SINKS.test(readFileSync(path, 'utf8')));
    expect(writers.map((p) => relative(SRC, p))).toEqual(['ui/controls/Tex.tsx']);
    const tex = readFileSync(join(SRC, 'ui/controls/Tex.tsx'), 'utf8');
    expect(tex).toContain('katex.renderToString(');
    // KaTeX's `trust` stays off: no \href, \url, \includegraphics or \htmlData from a string.
    expect(tex).not.toMatch(/trust/);
  });

  it('KaTeX as Tex.tsx calls it turns hostile TeX into inert markup', () => {
    const html = katex.renderToString(
      String.raw`\href{javascript:alert(1)}{x} \url{javascript:alert(2)} \htmlData{onclick=alert(3)}{y} <img src=x onerror=alert(4)> \includegraphics{x.png}`,
      { throwOnError: false, output: 'html' },
    );
    expect(html).not.toMatch(/<img|<a |javascript:|onerror=|onclick=|data-onclick/);
    expect(html).toContain('&lt;');
  });
});
