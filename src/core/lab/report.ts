import type { OrderFit } from './order';
import type { SweepPoint } from './sweep';
import type { TheoryOrder } from './theory';

export type SweepMetric = 'endpoint' | 'slicedW1' | 'energy';

export const METRIC_LABELS: Record<SweepMetric, string> = {
  endpoint: 'mean endpoint distance to the RK45 reference',
  slicedW1: 'sliced Wasserstein-1 to held-out data',
  energy: 'energy distance to held-out data',
};

/** `lockstep.model` of a run whose panels used the exact denoiser. */
export const EXACT_PANELS = 'exact denoiser';

export interface ReportFit {
  order: number;
  nfeRange: [number, number];
}

export interface ReportSampler {
  label: string;
  id: string;
  params: Record<string, number | string | boolean>;
  theory: TheoryOrder | null;
  fits: Record<SweepMetric, ReportFit | null>;
  /** One per budget; ms is the worker's wall time for that run. */
  points: (Omit<SweepPoint, 'sampler'> & { ms: number })[];
}

export interface ReportLane {
  label: string;
  steps: number;
  nfe: number;
  ms: number;
  /** Mean endpoint distance to the reference; null for stochastic samplers. */
  endpointError: number | null;
  slicedW1: number | null;
}

export interface ComparisonReport {
  title: string;
  /** The app link (URL with its hash) that reproduces the comparison. */
  link: string;
  settings: {
    dataset: string;
    model: string;
    process: string;
    /** σ grid kind, or the timestep spacing on the discrete VP process. */
    grid: string;
    particles: number;
    seed: number;
    budgets: number[];
    tolerance: number;
    referenceNfe: number;
    sigmaStart: number;
    sigmaEnd: number;
    metric: SweepMetric;
  };
  samplers: ReportSampler[];
  /**
   * The lockstep run; `model` names the denoiser its panels ran on (the reference and the
   * errors are always the exact model's, so a network's error adds to the solver's).
   */
  lockstep: { budget: number; model: string; lanes: ReportLane[] } | null;
}

/** fitOrder's result in the report's form (the NFE span it used). */
export function reportFit(fit: OrderFit | null): ReportFit | null {
  return fit
    ? { order: fit.order, nfeRange: [Math.min(...fit.nfes), Math.max(...fit.nfes)] }
    : null;
}

const sci = (v: number | null | undefined) =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toExponential(2);
const fixed = (v: number, digits = 2) =>
  Number.isFinite(v) ? v.toFixed(digits).replace(/^-(0\.?0*)$/, '$1') : '–';
/** 3 significant digits without float32 noise: 9.9999997e-10 → "1e-9", 0.0020000001 → "0.002". */
const short = (v: number) => String(Number(v.toPrecision(3)));
const cell = (s: string) => s.replace(/\|/g, '\\|');

function valueOf(p: ReportSampler['points'][number], metric: SweepMetric): number | null {
  return metric === 'endpoint' ? p.endpointError : p[metric];
}

/** The order table: per sampler its NFE span, error at the largest budget, fitted and predicted order, time. */
export function orderTable(report: ComparisonReport): string {
  const m = report.settings.metric;
  const rows = report.samplers.map((s) => {
    const last = s.points.at(-1);
    const fit = s.fits[m];
    const nfes = s.points.map((p) => p.nfe);
    return [
      cell(s.label),
      nfes.length > 0 ? `${Math.min(...nfes)}–${Math.max(...nfes)}` : '–',
      sci(last ? valueOf(last, m) : null),
      fit ? fixed(fit.order) : '–',
      fit ? `${fit.nfeRange[0]}–${fit.nfeRange[1]}` : '–',
      s.theory ? String(s.theory.order) : '–',
      fit && s.theory ? fixed(fit.order - s.theory.order) : '–',
      fixed(
        s.points.reduce((a, p) => a + p.ms, 0),
        0,
      ),
    ];
  });
  return [
    '| sampler | NFE | error at max NFE | measured order | fitted over NFE | theory | measured − theory | time (ms) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** Every point: one row per budget, one column per sampler (NFE spent and error). */
export function pointsTable(report: ComparisonReport): string {
  const m = report.settings.metric;
  const head = ['budget', ...report.samplers.map((s) => cell(s.label))];
  const rows = report.settings.budgets.map((b) => [
    String(b),
    ...report.samplers.map((s) => {
      const p = s.points.find((q) => q.budget === b);
      return p ? `${sci(valueOf(p, m))} (${p.nfe})` : '–';
    }),
  ]);
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** The comparison as markdown: settings, order table, chart, every point, lockstep lanes, the link. */
export function reportMarkdown(report: ComparisonReport, chartFile: string): string {
  const s = report.settings;
  const lines = [
    `# ${report.title}`,
    '',
    `Exact model of **${s.dataset}** (${s.model}), process **${s.process}**, grid **${s.grid}**, ` +
      `${s.particles} particles, seed ${s.seed}. Every sampler starts from the same x_T = σ_max·z ` +
      `and gets the same budget of model evaluations (NFE).`,
    '',
    `Reference: the probability-flow ODE solved by adaptive RK45 at rtol = atol = ${short(s.tolerance)}, ` +
      `σ ${short(s.sigmaStart)} → ${short(s.sigmaEnd)}, ${Math.round(s.referenceNfe)} evaluations. ` +
      `Error: ${METRIC_LABELS[s.metric]}. Measured order: the least-squares slope of log error ` +
      `on log NFE over the upper half of the budgets (points above the reference's own error).`,
    '',
    orderTable(report),
    '',
    `![Error vs NFE, log-log](${chartFile})`,
    '',
    '## Every point: error (NFE spent)',
    '',
    pointsTable(report),
    '',
  ];
  if (report.lockstep) {
    lines.push(
      `## Lockstep run at ${report.lockstep.budget} NFE`,
      '',
      `Panels: **${report.lockstep.model}**. Reference and errors: the exact denoiser` +
        (report.lockstep.model === EXACT_PANELS
          ? '.'
          : ', so each error is the network’s plus the sampler’s.'),
      '',
      '| sampler | steps | NFE | time (ms) | endpoint error | sliced W1 to data |',
      '| --- | --- | --- | --- | --- | --- |',
      ...report.lockstep.lanes.map(
        (l) =>
          `| ${cell(l.label)} | ${l.steps} | ${l.nfe} | ${fixed(l.ms, 0)} | ${sci(l.endpointError)} | ${sci(l.slicedW1)} |`,
      ),
      '',
    );
  }
  lines.push(`Reproduce: [open this comparison in the app](${report.link})`, '');
  return lines.join('\n');
}
