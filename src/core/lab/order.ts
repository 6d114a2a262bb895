import { fitSlope } from '../samplers/convergence';

/** The empirical order of one error-vs-NFE line: error ≈ C·NFE^(−order). */
export interface OrderFit {
  order: number;
  /** The NFEs of the points the fit used (the asymptotic part, see fitOrder). */
  nfes: number[];
}

/**
 * Least-squares slope of log(value) on log(NFE) over the asymptotic part of a sweep line:
 * of the points whose value is finite and above `floor` (below it the reference's own
 * error or the sampling floor dominates), the upper half by NFE, at least 3 points.
 * Returns null when fewer than 3 points qualify. order = −slope.
 */
export function fitOrder(
  points: readonly { nfe: number; value: number }[],
  floor = 0,
): OrderFit | null {
  const usable = points
    .filter((p) => Number.isFinite(p.value) && p.value > floor && p.value > 0 && p.nfe > 0)
    .sort((a, b) => a.nfe - b.nfe);
  const count = Math.max(3, Math.ceil(usable.length / 2));
  if (usable.length < 3) return null;
  const tail = usable.slice(usable.length - count);
  if (new Set(tail.map((p) => p.nfe)).size < 2) return null;
  const slope = fitSlope(
    tail.map((p) => Math.log(p.nfe)),
    tail.map((p) => Math.log(p.value)),
  );
  return { order: -slope, nfes: tail.map((p) => p.nfe) };
}
