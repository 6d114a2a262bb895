import type { StepTrace } from './stepTrace';

export type ArrowKind = 'update' | 'denoise' | 'derivative' | 'history' | 'point' | 'noise';

export interface TraceArrow {
  kind: ArrowKind;
  from: [number, number];
  /** Equal to `from` for a point marker. */
  to: [number, number];
  /** TeX symbol of what the arrow shows. */
  label: string;
}

const isPoint = (w: number) => Math.abs(w - 1) < 1e-6;
const isDisplacement = (w: number) => Math.abs(w) < 1e-6;

/**
 * What the debugger draws for a traced step, in k-diffusion coordinates (the caller scales
 * to its display): the update x_i → x_{i+1}; each denoiser evaluation as an arrow from its
 * input to D; each displacement (a derivative dx/dσ, this step's or a kept one) as the Euler
 * move it would make from x_i, x_i + (σ_{i+1} − σ_i)·d; intermediate and kept points as
 * markers; and each noise term c·z as an arrow ending where it lands. `scale` maps to the
 * caller's display coordinates (x_t = s(t)·x on a VP process).
 */
export function traceArrows(trace: StepTrace, scale = 1): TraceArrow[] {
  const arrows = stepArrows(trace);
  if (scale === 1) return arrows;
  const s = (p: [number, number]): [number, number] => [scale * p[0], scale * p[1]];
  return arrows.map((a) => ({ ...a, from: s(a.from), to: s(a.to) }));
}

function stepArrows(trace: StepTrace): TraceArrow[] {
  const v = trace.vectors;
  const x = v[trace.state].value;
  const dSigma = trace.sigmaNext - trace.sigma;
  const arrows: TraceArrow[] = [];
  const plus = (a: [number, number], c: number, b: [number, number]): [number, number] => [
    a[0] + c * b[0],
    a[1] + c * b[1],
  ];
  for (const e of trace.evals) {
    arrows.push({
      kind: 'denoise',
      from: v[e.input].value,
      to: v[e.output].value,
      label: v[e.output].symbol,
    });
  }
  v.forEach((vec, k) => {
    if (k === trace.state || k === trace.next) return;
    if (vec.kind === 'noise' || vec.kind === 'eval') return;
    const history = vec.kind === 'history';
    if (isDisplacement(vec.weight)) {
      arrows.push({
        kind: history ? 'history' : 'derivative',
        from: x,
        to: plus(x, dSigma, vec.value),
        label: vec.symbol,
      });
    } else if (isPoint(vec.weight)) {
      arrows.push({
        kind: history ? 'history' : 'point',
        from: vec.value,
        to: vec.value,
        label: vec.symbol,
      });
    }
  });
  for (const c of trace.combos) {
    const out = v[c.output];
    if (!isPoint(out.weight)) continue;
    for (const t of c.terms) {
      if (v[t.vector].kind !== 'noise' || t.coef === 0) continue;
      arrows.push({
        kind: 'noise',
        from: plus(out.value, -t.coef, v[t.vector].value),
        to: out.value,
        label: `${fmt(t.coef)}\\,${v[t.vector].symbol}`,
      });
    }
  }
  arrows.push({ kind: 'update', from: x, to: v[trace.next].value, label: v[trace.next].symbol });
  return arrows;
}

function fmt(c: number): string {
  return Number(c.toPrecision(3)).toString();
}
