/**
 * Pearson's chi-square goodness-of-fit test, with the χ² survival function from the
 * regularised incomplete gamma function (Numerical Recipes §6.2: series for x < a + 1,
 * Lentz's continued fraction otherwise; ln Γ by Lanczos, g = 7, n = 9).
 */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = LANCZOS[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Q(a, x) = Γ(a, x)/Γ(a), the upper regularised incomplete gamma function. */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new Error(`gammaQ: need a > 0, x ≥ 0 (a = ${a}, x = ${x})`);
  if (x === 0) return 1;
  const front = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000 && Math.abs(term) > Math.abs(sum) * 1e-16; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return 1 - sum * front;
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h * front;
}

/** P(χ²_dof ≥ x). */
export function chiSquareSurvival(x: number, dof: number): number {
  return gammaQ(dof / 2, x / 2);
}

/** Pearson's test of observed counts against expected probabilities (categories with p > 0). */
export function chiSquareTest(
  observed: ArrayLike<number>,
  expected: ArrayLike<number>,
): { statistic: number; dof: number; pValue: number } {
  if (observed.length !== expected.length) throw new Error('chiSquareTest: length mismatch');
  let n = 0;
  let pTotal = 0;
  for (let k = 0; k < observed.length; k++) {
    n += observed[k];
    pTotal += expected[k];
  }
  let statistic = 0;
  let cells = 0;
  for (let k = 0; k < observed.length; k++) {
    const e = (n * expected[k]) / pTotal;
    if (e > 0) {
      statistic += (observed[k] - e) ** 2 / e;
      cells++;
    } else if (observed[k] > 0) statistic = Infinity;
  }
  const dof = cells - 1;
  return { statistic, dof, pValue: statistic === Infinity ? 0 : chiSquareSurvival(statistic, dof) };
}
