import { describe, expect, it } from 'vitest';
import {
  EXACT_PANELS,
  orderTable,
  reportFit,
  reportMarkdown,
  type ComparisonReport,
} from './report';

const point = (budget: number, err: number) => ({
  budget,
  steps: budget,
  nfe: budget,
  endpointError: err,
  slicedW1: 2 * err,
  energy: 3 * err,
  ms: 10,
});

const report: ComparisonReport = {
  title: 'Sampler comparison',
  link: 'http://127.0.0.1/#view=lab&ls=euler%3Bheun',
  settings: {
    dataset: 'gaussians8',
    model: 'Gaussian mixture',
    process: 'edm',
    grid: 'karras',
    particles: 64,
    seed: 0,
    budgets: [8, 16],
    tolerance: 9.999999717180685e-10,
    referenceNfe: 812.4,
    sigmaStart: 80,
    sigmaEnd: 0.0020000000949949026,
    metric: 'endpoint',
  },
  samplers: [
    {
      label: 'euler',
      id: 'euler',
      params: {},
      theory: { order: 1, why: 'Euler' },
      fits: { endpoint: { order: 1.04, nfeRange: [8, 16] }, slicedW1: null, energy: null },
      points: [point(8, 0.2), point(16, 0.1)],
    },
    {
      label: 'a|b',
      id: 'ddpm',
      params: {},
      theory: null,
      fits: { endpoint: null, slicedW1: null, energy: null },
      points: [{ ...point(8, 0), endpointError: null }],
    },
  ],
  lockstep: null,
};

describe('report', () => {
  it('tabulates NFE span, last error, measured and predicted order, their difference and time', () => {
    const rows = orderTable(report).split('\n');
    expect(rows[2]).toBe('| euler | 8–16 | 1.00e-1 | 1.04 | 8–16 | 1 | 0.04 | 20 |');
    // Missing values are dashes, never NaN; a pipe in a label is escaped.
    expect(rows[3]).toBe('| a\\|b | 8–8 | – | – | – | – | – | 10 |');
  });

  it('never writes a negative zero', () => {
    const near = structuredClone(report);
    near.samplers[0].fits.endpoint!.order = 0.998;
    expect(orderTable(near).split('\n')[2]).toContain('| 1.00 | 8–16 | 1 | 0.00 |');
  });

  it('writes settings, the chart, every point and the reproducing link', () => {
    const md = reportMarkdown(report, 'chart.svg');
    expect(md).toContain('rtol = atol = 1e-9, σ 80 → 0.002,');
    expect(md).toContain('812 evaluations');
    expect(md).toContain('![Error vs NFE, log-log](chart.svg)');
    expect(md).toContain('| 16 | 1.00e-1 (16) | – |');
    expect(md).toContain(`(${report.link})`);
    expect(md).not.toMatch(/NaN|undefined/);
  });

  it('names the lockstep panels’ model beside the exact reference', () => {
    const lane = { label: 'euler', steps: 8, nfe: 8, ms: 5, endpointError: 0.1, slicedW1: 0.2 };
    const on = (model: string) =>
      reportMarkdown({ ...report, lockstep: { budget: 8, model, lanes: [lane] } }, 'c.svg');
    expect(on('mlp-gaussians8 (diffusion MLP)')).toContain(
      'Panels: **mlp-gaussians8 (diffusion MLP)**. Reference and errors: the exact denoiser, so each error is the network’s plus the sampler’s.',
    );
    expect(on(EXACT_PANELS)).toContain(
      'Panels: **exact denoiser**. Reference and errors: the exact denoiser.',
    );
  });

  it('reports a fit by the NFE span it used', () => {
    expect(reportFit({ order: 2, nfes: [64, 16, 32] })).toEqual({ order: 2, nfeRange: [16, 64] });
    expect(reportFit(null)).toBeNull();
  });
});
