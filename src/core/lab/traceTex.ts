import type { StepTrace, TraceCombo, TraceVector } from './stepTrace';

export interface TexLine {
  tex: string;
  /** Plain-text gloss shown beside the equation. */
  note: string;
}

/** A number for an equation: 4 significant digits, no trailing zeros, a real minus sign. */
export function texNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) {
    const [m, e] = v.toExponential(3).split('e');
    return `${Number(m)}\\times 10^{${Number(e)}}`;
  }
  return String(Number(v.toPrecision(4)));
}

export function texVector(value: readonly [number, number]): string {
  return `\\begin{pmatrix}${texNumber(value[0])}\\\\${texNumber(value[1])}\\end{pmatrix}`;
}

function signed(coef: number, first: boolean): string {
  const n = texNumber(Math.abs(coef));
  const sign = coef < 0 ? '-' : first ? '' : '+';
  return `${sign}${n === '1' ? '' : n + '\\,'}`;
}

/** Terms on the same vector summed (in first-seen order), so each symbol appears once. */
function mergeTerms(terms: TraceCombo['terms']): TraceCombo['terms'] {
  const merged = new Map<number, number>();
  for (const t of terms) merged.set(t.vector, (merged.get(t.vector) ?? 0) + t.coef);
  return [...merged].map(([vector, coef]) => ({ vector, coef }));
}

function describe(v: TraceVector): string {
  if (v.kind === 'history') return `kept from step ${v.step}`;
  if (v.kind === 'noise') return 'standard normal noise (seeded stream of this step)';
  if (v.kind === 'state') return 'the state this step starts from';
  return '';
}

/**
 * The traced step as equations with its numbers filled in, in call order: each denoiser
 * evaluation D = D(input, σ), each noise draw, each linear combination written first with
 * symbols and then with the values, ending with the update x_{i+1}.
 */
export function traceTex(trace: StepTrace): TexLine[] {
  const v = trace.vectors;
  const lines: TexLine[] = [
    {
      tex: `${v[trace.state].symbol} = ${texVector(v[trace.state].value)},\\quad \\sigma_{${trace.step}} = ${texNumber(trace.sigma)} \\to \\sigma_{${trace.step + 1}} = ${texNumber(trace.sigmaNext)}`,
      note: describe(v[trace.state]),
    },
  ];
  const shown = new Set<number>([trace.state]);
  const show = (k: number) => {
    if (shown.has(k)) return;
    shown.add(k);
    if (v[k].kind === 'history' || v[k].kind === 'noise')
      lines.push({ tex: `${v[k].symbol} = ${texVector(v[k].value)}`, note: describe(v[k]) });
  };
  // Evaluations and combinations interleave in call order: walk both by output index.
  const events = [
    ...trace.evals.map((e) => ({ at: e.output, eval: e })),
    ...trace.combos.map((c) => ({ at: c.output, combo: c })),
  ].sort((a, b) => a.at - b.at);
  for (const ev of events) {
    if ('eval' in ev && ev.eval) {
      const e = ev.eval;
      show(e.input);
      shown.add(e.output);
      lines.push({
        tex: `${v[e.output].symbol} = D\\big(${v[e.input].symbol},\\ ${texNumber(e.sigma)}\\big) = ${texVector(v[e.output].value)}`,
        note: 'denoiser output (one model evaluation)',
      });
    } else if ('combo' in ev && ev.combo) {
      const c = { ...ev.combo, terms: mergeTerms(ev.combo.terms) };
      c.terms.forEach((t) => show(t.vector));
      shown.add(c.output);
      const symbolic = c.terms
        .map((t, j) => `${signed(t.coef, j === 0)}${v[t.vector].symbol}`)
        .join(' ');
      const numeric = c.terms
        .map((t, j) => `${signed(t.coef, j === 0)}${texVector(v[t.vector].value)}`)
        .join(' ');
      lines.push({
        tex: `${v[c.output].symbol} = ${symbolic} = ${numeric} = ${texVector(v[c.output].value)}`,
        note:
          c.output === trace.next
            ? 'the update'
            : Math.abs(v[c.output].weight) < 1e-9
              ? 'a displacement (dx/dσ or a difference)'
              : 'an intermediate point',
      });
    }
  }
  if (!trace.combos.some((c) => c.output === trace.next))
    lines.push({
      tex: `x_{${trace.step + 1}} = ${v[trace.next].symbol} = ${texVector(v[trace.next].value)}`,
      note: 'the update lands on the denoiser output',
    });
  return lines;
}

/** A trace symbol as plain text for SVG labels: "\tilde x_{1}^{[4]}" → "x̃1[4]", "0.3\,z_{1}" → "0.3·z1". */
export function plainSymbol(tex: string): string {
  return tex
    .replace(/\\,/g, '·')
    .replace(/\\tilde x/g, 'x\u0303')
    .replace(/\^\{\[(\d+)\]\}/g, '[$1]')
    .replace(/[_{}\\,]/g, '');
}
