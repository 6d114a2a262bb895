/**
 * D3 view modules. Each factory takes a container element and options and returns
 * { update(data), destroy() }: create it once (e.g. in a React effect), call update() with new
 * data as often as frames arrive (from requestAnimationFrame), call destroy() on unmount.
 * No React, no store, no tfjs here; math comes from src/core.
 */

/**
 * Particle plot: `createParticlePlot(el, { extent: L, ariaLabel })`, then every frame
 * `plot.update({ points, ghosts?, trails?, highlight?, paths?, data? })` with flat (x, y)
 * Float32Arrays. `data` (the data set, light grey) is redrawn only when its array changes.
 */
export {
  createParticlePlot,
  type ParticleFrame,
  type ParticlePlot,
  type ParticlePlotOptions,
} from './particles';

/**
 * Vector field arrows on their own canvas: create in the same container as the particle plot,
 * `field.update({ grid: { size: G, extent: L }, vectors })` (flat vx, vy per cell, row-major from
 * (−L, −L), cell centres from core/metrics/squareGrid's gridPoints); `update(null)` hides it.
 */
export {
  createFieldLayer,
  type FieldLayer,
  type FieldLayerOptions,
  type VectorField,
} from './field';

/**
 * Density contour bands beneath the particles: `density.update({ grid, values, scale? })` with a
 * G×G density (or log-density, scale: 'logDensity') grid; for the particles' own density pass
 * `kdeGrid(points, L, G, h)` from core/metrics/kde.ts. `update(null)` hides it.
 */
export {
  createDensityLayer,
  type DensityGrid,
  type DensityLayer,
  type DensityLayerOptions,
} from './density';

/**
 * Schedule chart: `chart.update({ table: scheduleTable(process), evalTimes, cursor })` from
 * core/schedules/table.ts; later `chart.update({ cursor: t })` alone is cheap.
 */
export {
  createScheduleChart,
  type ScheduleChart,
  type ScheduleChartData,
  type ScheduleChartOptions,
} from './scheduleChart';

/**
 * Generic line chart (error vs NFE, loss curves): `createLineChart(el, { ariaLabel, xLabel,
 * yLabel, logX, logY })`, then `chart.update({ series: [{ name, x, y, markers? }] })`.
 */
export {
  createLineChart,
  type LineChart,
  type LineChartData,
  type LineChartOptions,
  type LineSeries,
} from './lineChart';

/** Shared geometry: the square view box of every 2D panel, and the layer stacking order. */
export { PANEL_MARGIN, backingSize, viewBox, type Margin, type ViewBox } from './scale';
export { LAYER_Z } from './layers';
