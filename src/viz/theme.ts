/**
 * The app's theme as canvases see it. Canvas colours cannot be CSS variables, so a module asks
 * for the variable's value on its element at draw time: the light or dark palette that
 * src/ui/app.css defines under `prefers-color-scheme`. Without a value (no stylesheet, as in unit
 * tests) the fallback is used.
 */
export function themeColor(el: Element, name: `--${string}`, fallback: string): string {
  const value = getComputedStyle(el).getPropertyValue(name).trim();
  return value || fallback;
}

/** A colour that may be written `var(--name)` or `var(--name, fallback)`, resolved on `el`. */
export function resolveColor(el: Element, color: string): string {
  const m = /^var\((--[\w-]+)\s*(?:,\s*(.+))?\)$/.exec(color.trim());
  return m ? themeColor(el, m[1] as `--${string}`, m[2] ?? '#000') : color;
}
