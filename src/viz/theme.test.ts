import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveColor, themeColor } from './theme';

/** A stand-in for the browser's computed style: the custom properties a stylesheet would set. */
function withProperties(props: Record<string, string>) {
  vi.stubGlobal('getComputedStyle', () => ({
    getPropertyValue: (name: string) => props[name] ?? '',
  }));
}
const el = {} as Element;

describe('theme colours for canvases', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads a custom property (trimmed, as computed values carry the leading space)', () => {
    withProperties({ '--viz-data': ' #5d6675' });
    expect(themeColor(el, '--viz-data', '#c4c4c4')).toBe('#5d6675');
  });

  it('falls back when the property is not set (no stylesheet)', () => {
    withProperties({});
    expect(themeColor(el, '--viz-data', '#c4c4c4')).toBe('#c4c4c4');
  });

  it('resolves var(--name, fallback) and leaves plain colours alone', () => {
    withProperties({ '--viz-particle': '#56b4e9' });
    expect(resolveColor(el, 'var(--viz-particle, #0072b2)')).toBe('#56b4e9');
    expect(resolveColor(el, 'var(--viz-ink, #222)')).toBe('#222');
    expect(resolveColor(el, 'var(--viz-ink)')).toBe('#000');
    expect(resolveColor(el, 'rgba(1, 2, 3, 0.5)')).toBe('rgba(1, 2, 3, 0.5)');
    expect(resolveColor(el, '#d55e00')).toBe('#d55e00');
  });
});
