import type { MutableRefObject } from 'react';
import { reportMarkdown, type ComparisonReport } from '../../core/lab/report';
import type { LineChart } from '../../viz/lineChart';

export const CHART_FILE = 'comparison-chart.svg';

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Export the comparison: settings, order table and chart as JSON, markdown and SVG, and the link. */
export function ReportSection({
  report,
  chartRef,
}: {
  report: ComparisonReport | null;
  chartRef: MutableRefObject<LineChart | null>;
}) {
  const svg = () => chartRef.current?.toSvg() ?? '';
  return (
    <section className="lab-section" aria-label="Report">
      <h2>Report</h2>
      {!report && <p className="lab-note">Run the sweep to export a comparison.</p>}
      <div className="lab-row">
        <button
          type="button"
          data-testid="export-json"
          disabled={!report}
          onClick={() =>
            report &&
            download(
              'comparison.json',
              'application/json',
              JSON.stringify({ ...report, chartSvg: svg() }, null, 2),
            )
          }
        >
          Export JSON
        </button>
        <button
          type="button"
          data-testid="export-md"
          disabled={!report}
          onClick={() =>
            report && download('comparison.md', 'text/markdown', reportMarkdown(report, CHART_FILE))
          }
        >
          Export markdown
        </button>
        <button
          type="button"
          data-testid="export-svg"
          disabled={!report}
          onClick={() => download(CHART_FILE, 'image/svg+xml', svg())}
        >
          Export chart (SVG)
        </button>
        <button
          type="button"
          disabled={!report}
          onClick={() => report && void navigator.clipboard?.writeText(report.link)}
        >
          Copy link
        </button>
      </div>
      {report && (
        <p className="lab-readout">
          Link that reproduces this comparison (runs the sweep on open):{' '}
          <a href={report.link} data-testid="report-link">
            open
          </a>
        </p>
      )}
    </section>
  );
}
