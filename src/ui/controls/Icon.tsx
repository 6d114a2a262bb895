/** Small inline SVG icons (no icon font: headless and minimal systems lack the glyphs). */
const PATHS: Record<string, string> = {
  play: 'M4 2 L14 8 L4 14 Z',
  pause: 'M3 2 H7 V14 H3 Z M9 2 H13 V14 H9 Z',
  back: 'M2 2 H4 V14 H2 Z M14 2 L5 8 L14 14 Z',
  forward: 'M12 2 H14 V14 H12 Z M2 2 L11 8 L2 14 Z',
  info: 'M8 1 A7 7 0 1 0 8 15 A7 7 0 1 0 8 1 Z M7 7 H9 V12 H7 Z M7 4 H9 V6 H7 Z',
};

export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 16 16"
      width="14"
      height="14"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} fill="currentColor" fillRule="evenodd" />
    </svg>
  );
}
