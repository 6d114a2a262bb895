/** Colour range of a log-density grid: the top `span` nats below its largest finite value. */
export function logDensityRange(values: ArrayLike<number>, span: number): [number, number] | null {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++)
    if (Number.isFinite(values[i]) && values[i] > max) max = values[i];
  return Number.isFinite(max) ? [max - span, max] : null;
}

/**
 * How closely a model log-density grid matches the exact one where the exact density has
 * mass: max and mean |model − exact| over the cells within `span` nats of the exact maximum.
 */
export function gridAgreement(
  model: ArrayLike<number>,
  exact: ArrayLike<number>,
  span: number,
): { maxAbs: number; meanAbs: number; cells: number } {
  const range = logDensityRange(exact, span);
  let [maxAbs, sum, cells] = [0, 0, 0];
  if (range) {
    for (let i = 0; i < exact.length; i++) {
      if (!(exact[i] >= range[0]) || !Number.isFinite(model[i])) continue;
      const d = Math.abs(model[i] - exact[i]);
      maxAbs = Math.max(maxAbs, d);
      sum += d;
      cells += 1;
    }
  }
  return { maxAbs, meanAbs: cells > 0 ? sum / cells : NaN, cells };
}
