import { select } from 'd3';

export interface LegendItem {
  key: string;
  label: string;
  color: string;
  dashed?: boolean;
  /** Shown (pressed) or hidden. */
  on: boolean;
}

export interface Legend {
  update(items: readonly LegendItem[]): void;
  destroy(): void;
}

/**
 * A row of toggle buttons (aria-pressed) with colour swatches; clicking one calls onToggle(key).
 * The caller owns which items are on and passes them back through update().
 */
export function createLegend(container: HTMLElement, onToggle: (key: string) => void): Legend {
  const root = select(container)
    .append('div')
    .attr('class', 'viz-legend')
    .style('display', 'flex')
    .style('flex-wrap', 'wrap')
    .style('gap', '4px 10px')
    .style('font', '12px sans-serif');
  return {
    update(items) {
      root
        .selectAll<HTMLButtonElement, LegendItem>('button')
        .data(items, (d) => d.key)
        .join((enter) => {
          const b = enter.append('button').attr('type', 'button').attr('class', 'viz-legend-item');
          b.style('display', 'inline-flex')
            .style('align-items', 'center')
            .style('gap', '4px')
            .style('border', 'none')
            .style('background', 'none')
            .style('padding', '2px')
            .style('cursor', 'pointer')
            .style('font', 'inherit')
            .style('color', 'inherit');
          b.append('span').attr('class', 'viz-swatch').style('width', '14px').style('height', '0');
          b.append('span').attr('class', 'viz-legend-label');
          b.on('click', (_event, d) => onToggle(d.key));
          return b;
        })
        .attr('aria-pressed', (d) => String(d.on))
        // Hidden series: struck through and dimmed, still legible (WCAG contrast ≥ 4.5:1).
        .style('opacity', (d) => (d.on ? 1 : 0.7))
        .style('text-decoration', (d) => (d.on ? 'none' : 'line-through'))
        .call((b) =>
          b
            .select('.viz-swatch')
            .style('border-top', (d) => `2px ${d.dashed ? 'dashed' : 'solid'} ${d.color}`),
        )
        .call((b) => b.select('.viz-legend-label').text((d) => d.label));
    },
    destroy() {
      root.remove();
    },
  };
}

/**
 * A chart with a legend of series it can hide: a div of `className` holding the legend and a
 * described SVG. `hidden` holds the keys the legend switched off; a click toggles one and calls
 * `redraw`.
 */
export function createToggleChart(
  container: HTMLElement,
  className: string,
  ariaLabel: string,
  redraw: () => void,
) {
  const hidden = new Set<string>();
  const root = select(container).append('div').attr('class', className);
  const legend = createLegend(root.node()!, (key) => {
    if (!hidden.delete(key)) hidden.add(key);
    redraw();
  });
  const svg = root
    .append('svg')
    .attr('role', 'img')
    .attr('aria-label', ariaLabel)
    .style('display', 'block');
  return { hidden, root, legend, svg };
}
