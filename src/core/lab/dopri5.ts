/**
 * Adaptive Dormand–Prince RK5(4) for y' = f(u, y) on [u0, u1] (either direction), shared
 * step size over the whole state: the 5th-order solution is kept (local extrapolation), the
 * error estimate is the max norm of (y5 − y4)/(atol + rtol·max(|y|, |y_new|)) and the step
 * controller is h ← h·clamp(0.9·err^(−1/5), 0.2, 5) (Hairer, Nørsett & Wanner, "Solving
 * ODEs I", §II.4-5; scipy's RK45). Used for the augmented likelihood ODE, which the σ-grid
 * samplers cannot integrate (it runs from low to high noise).
 */
export type VectorField = (u: number, y: Float64Array) => Float64Array;

export interface Dopri5Options {
  rtol: number;
  atol: number;
  /** First trial step; default (u1 − u0)/16. */
  h0?: number;
  maxSteps?: number;
}

const C = [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1];
const A: readonly (readonly number[])[] = [
  [],
  [1 / 5],
  [3 / 40, 9 / 40],
  [44 / 45, -56 / 15, 32 / 9],
  [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
  [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
];
const B = [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84];
/** b5 − b4 over the seven stages (the seventh is f at the new point, first-same-as-last). */
const E = [71 / 57600, 0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40];

export function dopri5(
  f: VectorField,
  y0: Float64Array,
  u0: number,
  u1: number,
  options: Dopri5Options,
): { y: Float64Array; nfe: number; steps: number } {
  const { rtol, atol } = options;
  if (!(rtol > 0 && atol > 0))
    throw new Error(`dopri5: rtol and atol must be > 0, got ${rtol}, ${atol}`);
  const maxSteps = options.maxSteps ?? 100_000;
  const n = y0.length;
  const combine = (y: Float64Array, h: number, coeffs: readonly number[], k: Float64Array[]) => {
    const out = Float64Array.from(y);
    coeffs.forEach((a, j) => {
      if (a !== 0) for (let i = 0; i < n; i++) out[i] += h * a * k[j][i];
    });
    return out;
  };
  let y = Float64Array.from(y0);
  let u = u0;
  let h = options.h0 ?? (u1 - u0) / 16;
  let k1 = f(u, y);
  let nfe = 1;
  let steps = 0;
  for (let attempt = 0; u !== u1; attempt++) {
    if (attempt >= maxSteps) throw new Error(`dopri5: no convergence in ${maxSteps} attempts`);
    const last = Math.abs(h) >= Math.abs(u1 - u);
    if (last) h = u1 - u;
    const k = [k1];
    for (let s = 1; s < 6; s++) k.push(f(u + C[s] * h, combine(y, h, A[s], k)));
    const yNew = combine(y, h, B, k);
    const uNew = last ? u1 : u + h;
    k.push(f(uNew, yNew));
    nfe += 6;
    let err = 0;
    for (let i = 0; i < n; i++) {
      let e = 0;
      for (let j = 0; j < 7; j++) e += E[j] * k[j][i];
      err = Math.max(
        err,
        Math.abs(h * e) / (atol + rtol * Math.max(Math.abs(y[i]), Math.abs(yNew[i]))),
      );
    }
    if (err <= 1) {
      y = yNew;
      u = uNew;
      k1 = k[6];
      steps += 1;
    }
    h *= err === 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * err ** -0.2));
  }
  return { y, nfe, steps };
}
