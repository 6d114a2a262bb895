import type { GaussianMixture } from '../denoisers/gaussianMixture';
import { logNormalCdf } from '../normal';
import type { Denoiser } from '../samplers/types';
import { spdInverse } from './halfPlaneMixture';
import type { Region } from './region';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
/** Gauss–Legendre nodes per integral; the window below holds all but e^−40 of the integrand. */
const NODES = 24;
const WINDOW_DROP = 40;
const SEARCH_ITERATIONS = 24;
/** A posterior this wide (minor-axis sd ≥ R/4) is smooth across the whole chord: no window. */
const WIDE = 0.25;

/** Gauss–Legendre nodes and weights on [−1, 1] (Newton on the Legendre polynomial P_n). */
export function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 1;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) [p0, p1] = [p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k];
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-15) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * dp * dp);
  }
  return { nodes, weights };
}

const GL = gaussLegendre(NODES);

/** log(Φ(b) − Φ(a)) for a ≤ b, accurate in both tails and for b − a → 0. */
export function logNormalInterval(a: number, b: number): number {
  if (a > 0) return logNormalInterval(-b, -a);
  const width = b - a;
  if (width < 1e-3) {
    // Midpoint rule with its leading correction: ∫φ = wφ(m)(1 + w²(m² − 1)/24 + O(w⁴)).
    const m = 0.5 * (a + b);
    return (
      Math.log(width) - 0.5 * m * m - LOG_SQRT_2PI + Math.log1p((width * width * (m * m - 1)) / 24)
    );
  }
  const lb = logNormalCdf(b);
  return lb + Math.log1p(-Math.min(1, Math.exp(logNormalCdf(a) - lb)));
}

/**
 * [a, b] ⊂ [lo, hi] holding all but e^−40 of the log-concave exp(logF): golden-section search
 * for its peak, then bisection for where it has dropped by WINDOW_DROP on either side.
 */
function peakWindow(logF: (u: number) => number, lo: number, hi: number): [number, number] {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - g * (b - a);
  let e = a + g * (b - a);
  let fc = logF(c);
  let fe = logF(e);
  for (let i = 0; i < SEARCH_ITERATIONS; i++) {
    if (fc >= fe) {
      [b, e, fe] = [e, c, fc];
      c = b - g * (b - a);
      fc = logF(c);
    } else {
      [a, c, fc] = [c, e, fe];
      e = a + g * (b - a);
      fe = logF(e);
    }
  }
  const peak = 0.5 * (a + b);
  const floor = logF(peak) - WINDOW_DROP;
  /** The window's edge between the peak and an end (logF is monotone there). */
  const edge = (end: number) => {
    if (logF(end) >= floor) return end;
    let inside = peak;
    let outside = end;
    for (let i = 0; i < SEARCH_ITERATIONS; i++) {
      const mid = 0.5 * (inside + outside);
      if (logF(mid) >= floor) inside = mid;
      else outside = mid;
    }
    return outside;
  };
  return [edge(lo), edge(hi)];
}

/**
 * Where the u1-integrand lives: the whole chord when the posterior is wide; ±8 s1 around its
 * mean (all but 10⁻¹⁵ of the Gaussian) when the chord holds [−s1, s1] with a chord probability
 * above e^−20 at u1 = 0; otherwise (the posterior mostly outside the disc) peakWindow's search.
 */
function integrationWindow(
  s1: number,
  radius: number,
  lo: number,
  hi: number,
  logF: (u: number) => number,
  logInnerAtMean: number,
): [number, number] {
  if (s1 >= WIDE * radius) return [lo, hi];
  if (lo <= -s1 && hi >= s1 && logInnerAtMean >= -WINDOW_DROP / 2)
    return [Math.max(lo, -8 * s1), Math.min(hi, 8 * s1)];
  return peakWindow(logF, lo, hi);
}

/**
 * P(x0 ∈ disc) and E[x0 − m | x0 ∈ disc] for x0 ~ N(m, V), in V's eigenbasis u = Qᵀ(x0 − m):
 * u1 ~ N(0, λ1) along the minor axis, u2 ~ N(0, λ2) along the major one, d = Qᵀ(m − c). For a
 * fixed u1 the disc is the chord |u2 + d2| ≤ h, h = √(R² − (u1 + d1)²), whose probability and
 * first moment along u2 are closed forms (Φ and φ); the integral over u1 is numerical.
 * u1 ↦ ∫N(u; 0, V)·1_disc du2 is log-concave (Prékopa: a log-concave density on a convex set),
 * so golden-section search finds its peak and bisection the window where it is above
 * e^−40 of it; on that window Gauss–Legendre runs in θ, u1 + d1 = R·cos θ, which removes the
 * square-root ends of the chord.
 */
function discMoments(
  d1: number,
  d2: number,
  lambda1: number,
  lambda2: number,
  radius: number,
): { logP: number; u1: number; u2: number } {
  const s1 = Math.sqrt(lambda1);
  const s2 = Math.sqrt(lambda2);
  const chord = (u1: number) => Math.sqrt(Math.max(0, radius * radius - (u1 + d1) ** 2));
  const logInner = (h: number) => logNormalInterval((-h - d2) / s2, (h - d2) / s2);
  const logF = (u1: number) => (-0.5 * u1 * u1) / lambda1 + logInner(chord(u1));
  const lo = -radius - d1;
  const hi = radius - d1;
  const [start, end] = integrationWindow(s1, radius, lo, hi, logF, logInner(chord(0)));
  const angle = (u1: number) => Math.acos(Math.max(-1, Math.min(1, (u1 + d1) / radius)));
  const t0 = angle(end);
  const half = 0.5 * (angle(start) - t0);
  const logs = new Float64Array(NODES);
  const inners = new Float64Array(NODES);
  let top = -Infinity;
  for (let j = 0; j < NODES; j++) {
    const theta = t0 + half * (GL.nodes[j] + 1);
    const u1 = radius * Math.cos(theta) - d1;
    const h = radius * Math.sin(theta);
    inners[j] = logInner(h);
    logs[j] = (-0.5 * u1 * u1) / lambda1 + inners[j] + Math.log(h);
    if (logs[j] > top) top = logs[j];
  }
  if (top === -Infinity) return { logP: -Infinity, u1: 0, u2: 0 };
  let total = 0;
  let m1 = 0;
  let m2 = 0;
  for (let j = 0; j < NODES; j++) {
    if (logs[j] === -Infinity) continue;
    const theta = t0 + half * (GL.nodes[j] + 1);
    const u1 = radius * Math.cos(theta) - d1;
    const h = radius * Math.sin(theta);
    const w = GL.weights[j] * Math.exp(logs[j] - top);
    // E[u2 | u1, chord] = s2·(φ(α) − φ(β))/(Φ(β) − Φ(α)), α, β the chord's ends in units of s2.
    const inner = inners[j];
    const density = (z: number) => Math.exp(-0.5 * z * z - LOG_SQRT_2PI - inner);
    total += w;
    m1 += w * u1;
    m2 += w * s2 * (density((-h - d2) / s2) - density((h - d2) / s2));
  }
  return {
    logP: top + Math.log(total * half) - Math.log(s1) - LOG_SQRT_2PI,
    u1: m1 / total,
    u2: m2 / total,
  };
}

/** Per component at one σ: Σ⁻¹, V = σ²CΣ⁻¹'s eigenvalues (minor, major) and minor axis. */
interface Noised {
  sigma: number;
  inv: Float64Array[];
  lambdas: [number, number][];
  minor: [number, number][];
  logNorm: Float64Array;
}

/**
 * Exact guidance to a disc |x0 − c| ≤ R for a 2D Gaussian-mixture prior: the denoiser of the
 * data restricted to the disc, D_R(x, σ) = E[x0 | x_σ = x, x0 ∈ R] = D + σ²∇log P(R | x_σ)
 * (the classifier-guidance term of Dhariwal & Nichol 2021, eq. 2–3, with the event x0 ∈ R).
 * Given x and component k the posterior of x0 is N(m_k, V_k), m_k = x − σ²Σ_k⁻¹(x − μ_k),
 * V_k = σ²C_kΣ_k⁻¹; its mass in the disc and mean there (a Marcum-Q-type integral, no closed
 * form) come from discMoments's one-dimensional quadrature, and the components are reweighted
 * by ω_k ∝ r_k(x)·P(R | x, k) in the log domain. Components are visited by an upper bound on
 * their weight (r_k times the mass of a strip that holds the disc) and skipped once it is below
 * e^−40 of the best weight so far.
 */
export function discMixtureDenoiser(
  mixture: GaussianMixture,
  region: Extract<Region, { kind: 'disc' }>,
): Denoiser<Float64Array> {
  const K = mixture.weights.length;
  if (mixture.means[0].length !== 2) throw new Error('discMixtureDenoiser: 2D mixtures only');
  let cached: Noised | null = null;
  const noised = (sigma: number): Noised => {
    if (cached?.sigma === sigma) return cached;
    const s2 = sigma * sigma;
    const out: Noised = { sigma, inv: [], lambdas: [], minor: [], logNorm: new Float64Array(K) };
    mixture.covs.forEach((c, k) => {
      const { inv, halfLogDet } = spdInverse(
        c.map((row, i) => row.map((v, j) => v + (i === j ? s2 : 0))),
      );
      // V = σ²·C·Σ⁻¹ (symmetric: C and Σ commute); its eigen-decomposition in closed form.
      const v = [0, 1, 2, 3].map((ij) => {
        const [i, j] = [ij >> 1, ij & 1];
        return s2 * (c[i][0] * inv[j] + c[i][1] * inv[2 + j]);
      });
      const mean = 0.5 * (v[0] + v[3]);
      const spread = Math.hypot(0.5 * (v[0] - v[3]), v[1]);
      const major = 0.5 * Math.atan2(2 * v[1], v[0] - v[3]);
      out.inv.push(inv);
      out.lambdas.push([Math.max(mean - spread, 1e-300), mean + spread]);
      out.minor.push([-Math.sin(major), Math.cos(major)]);
      out.logNorm[k] = Math.log(mixture.weights[k]) - halfLogDet - Math.log(2 * Math.PI);
    });
    cached = out;
    return out;
  };
  return (x, sigma) => {
    if (sigma <= 0) return Float64Array.from(x);
    const { inv, lambdas, minor, logNorm } = noised(sigma);
    const s2 = sigma * sigma;
    const out = new Float64Array(x.length);
    const bound = new Float64Array(K);
    const local = new Float64Array(4 * K);
    const logW = new Float64Array(K);
    const post = new Float64Array(2 * K);
    const order = Array.from({ length: K }, (_, k) => k);
    for (let p = 0; p < x.length / 2; p++) {
      const x0 = x[2 * p];
      const x1 = x[2 * p + 1];
      for (let k = 0; k < K; k++) {
        const e0 = x0 - mixture.means[k][0];
        const e1 = x1 - mixture.means[k][1];
        const si = inv[k];
        const logR =
          logNorm[k] - 0.5 * (e0 * (si[0] * e0 + si[1] * e1) + e1 * (si[2] * e0 + si[3] * e1));
        const m0 = x0 - s2 * (si[0] * e0 + si[1] * e1);
        const m1 = x1 - s2 * (si[2] * e0 + si[3] * e1);
        const [a0, a1] = minor[k];
        const d1 = a0 * (m0 - region.cx) + a1 * (m1 - region.cy);
        const d2 = -a1 * (m0 - region.cx) + a0 * (m1 - region.cy);
        // The disc lies in the strip |u_i + d_i| ≤ R of either axis: a cheap bound on P(R | x, k).
        const [l1, l2] = lambdas[k];
        const r = region.radius;
        const strip = (d: number, l: number) =>
          logNormalInterval((-r - d) / Math.sqrt(l), (r - d) / Math.sqrt(l));
        bound[k] = logR + Math.min(strip(d1, l1), strip(d2, l2));
        local.set([logR, m0, m1, d1], 4 * k);
        post[2 * k] = d2;
      }
      order.sort((i, j) => bound[j] - bound[i]);
      let best = -Infinity;
      logW.fill(-Infinity);
      for (const k of order) {
        if (bound[k] < best - WINDOW_DROP) break;
        const [logR, m0, m1, d1] = local.subarray(4 * k, 4 * k + 4);
        const [a0, a1] = minor[k];
        const { logP, u1, u2 } = discMoments(
          d1,
          post[2 * k],
          lambdas[k][0],
          lambdas[k][1],
          region.radius,
        );
        // Back from the eigenbasis: minor axis (a0, a1), major axis (−a1, a0).
        post[2 * k] = m0 + a0 * u1 - a1 * u2;
        post[2 * k + 1] = m1 + a1 * u1 + a0 * u2;
        logW[k] = logR + logP;
        if (logW[k] > best) best = logW[k];
      }
      if (best === -Infinity) throw new Error('the disc has no probability under the mixture');
      let total = 0;
      for (let k = 0; k < K; k++) total += Math.exp(logW[k] - best);
      for (let k = 0; k < K; k++) {
        const w = Math.exp(logW[k] - best) / total;
        if (w === 0) continue;
        out[2 * p] += w * post[2 * k];
        out[2 * p + 1] += w * post[2 * k + 1];
      }
    }
    return out;
  };
}
