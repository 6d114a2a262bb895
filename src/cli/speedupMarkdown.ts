import type { SpeedupMethod, SpeedupRow, SpeedupTable } from './speedupTable';

const COLUMNS: { method: SpeedupMethod; title: string }[] = [
  { method: 'teacher', title: 'teacher `mlp-<dataset>`, DDIM' },
  { method: 'distill', title: 'progressive `distill-<dataset>-<N>`' },
  { method: 'consistency', title: 'consistency `consistency-<dataset>`' },
  { method: 'fm', title: 'flow `fm-<dataset>`, Euler' },
  { method: 'reflow', title: 'reflowed `fm-<dataset>-reflow1`, Euler' },
];

const sw1 = (v: number) => v.toFixed(4);

/** "lo–hi" of `values` with `digits` decimals (one value: just it). */
function range(values: number[], digits: number): string {
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  return lo.toFixed(digits) === hi.toFixed(digits)
    ? lo.toFixed(digits)
    : `${lo.toFixed(digits)}–${hi.toFixed(digits)}`;
}

/**
 * The speedup-table command's result as markdown: one table of sliced W1 against NFE (each
 * model's cell with the fewest teacher DDIM steps that match it), one of straightness, and the
 * sentences that sum them up. Every figure comes from `table`.
 */
export function speedupMarkdown(table: SpeedupTable): string[] {
  const o = table.options;
  const teacherMax = o.teacherNfes[o.teacherNfes.length - 1];
  const rowsOf = (dataset: string, method: SpeedupMethod) =>
    table.rows.filter((r) => r.dataset === dataset && r.method === method);
  /** The fewest teacher DDIM steps whose sliced W1 is at or below `value`, or null. */
  const teacherMatch = (dataset: string, value: number) =>
    rowsOf(dataset, 'teacher').find((r) => r.sw1 <= value)?.nfe ?? null;
  const matchText = (n: number | null) => (n === null ? `> ${teacherMax}` : `${n}`);
  /** The range of teacher step counts, "more than" the most measured where none matched. */
  const matchRange = (values: number[]) => {
    const [lo, hi] = [Math.min(...values), Math.max(...values)];
    const text = (n: number) => (n === Infinity ? `more than ${teacherMax}` : `${n}`);
    return lo === hi ? text(lo) : `${text(lo)} to ${text(hi)}`;
  };
  const cell = (r: SpeedupRow | undefined) =>
    !r
      ? '—'
      : r.method === 'teacher'
        ? sw1(r.sw1)
        : `${sw1(r.sw1)} (${matchText(teacherMatch(r.dataset, r.sw1))})`;
  const nfes = [...new Set([...o.nfes, ...o.teacherNfes])].sort((a, b) => a - b);
  const matches = (method: SpeedupMethod, nfe?: number) =>
    table.rows
      .filter((r) => r.method === method && (nfe === undefined || r.nfe === nfe))
      .map((r) => teacherMatch(r.dataset, r.sw1) ?? Infinity);
  const mostNfe = o.nfes[o.nfes.length - 1];
  const at1 = (method: SpeedupMethod, dataset: string) =>
    rowsOf(dataset, method).find((r) => r.nfe === 1)?.sw1 ?? NaN;
  const reflowGain = table.datasets.map((d) => at1('fm', d.dataset) / at1('reflow', d.dataset));
  const consistencyRatio = table.rows
    .filter((r) => r.method === 'consistency')
    .map((c) => c.sw1 / rowsOf(c.dataset, 'distill').find((d) => d.nfe === c.nfe)!.sw1);
  return [
    `| data set | NFE | ${COLUMNS.map((c) => c.title).join(' | ')} |`,
    `|---|---|${COLUMNS.map(() => '---|').join('')}`,
    ...table.datasets.flatMap(({ dataset }) =>
      nfes.map(
        (nfe) =>
          `| ${dataset} | ${nfe} | ${COLUMNS.map((c) => cell(rowsOf(dataset, c.method).find((r) => r.nfe === nfe))).join(' | ')} |`,
      ),
    ),
    '',
    `In brackets: the fewest teacher DDIM steps (of ${o.teacherNfes.join(', ')}) whose sliced W1 is at or below the cell's.`,
    `The progressive students match the teacher at ${matchRange(matches('distill'))} DDIM steps; the consistency`,
    `model at ${matchRange(matches('consistency'))} (its sliced W1 ${range(consistencyRatio, 1)}× the progressive student's at the same NFE).`,
    `At 1 NFE one reflow cuts the flow model's sliced W1 ${range(reflowGain, 0)}-fold and matches the teacher at`,
    `${matchRange(matches('reflow', 1))} DDIM steps; without reflow the flow model at ${mostNfe} Euler steps matches it at ${matchRange(matches('fm', mostNfe))}.`,
    '',
    `| data set | straightness S, \`fm-<dataset>\` | S, \`fm-<dataset>-reflow1\` | sliced W1, data to data |`,
    '|---|---|---|---|',
    ...table.datasets.map(
      (d) =>
        `| ${d.dataset} | ${d.straightness.fm.toFixed(3)} | ${d.straightness.reflow.toFixed(3)} | ${sw1(d.dataFloor)} |`,
    ),
  ];
}
