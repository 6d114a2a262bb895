/** A rectified-flow velocity field v(x_τ, τ) on n points × dim, flat (x_τ = (1 − τ)x₀ + τε). */
export type FlowVelocity = (x: Float64Array, tau: number) => Float64Array;

/**
 * Straightness of a flow model's own ODE paths (Liu et al. 2023, "Flow straight and fast",
 * eq. 4): S = E ∫₀¹ ‖(X₁ − X₀) − v(X_τ, τ)‖² dτ. The noise ε = X₁ at τ = 1 is carried to X₀ at
 * τ = 0 by `steps` Euler steps of dx/dτ = v; the integral is the midpoint rule on the Euler
 * states. S = 0 exactly when every path is straight; the mean is over the rows of `noise`.
 */
export function flowStraightness(
  velocity: FlowVelocity,
  noise: Float64Array,
  steps: number,
  dim = 2,
): number {
  if (!Number.isInteger(steps) || steps < 1)
    throw new Error(`flowStraightness: steps must be a positive integer, got ${steps}`);
  if (noise.length === 0 || noise.length % dim !== 0)
    throw new Error(`flowStraightness: ${noise.length} noise values are not rows of ${dim}`);
  const rows = noise.length / dim;
  const path = [noise];
  for (let k = 0; k < steps; k++) {
    const x = path[k];
    const v = velocity(x, 1 - k / steps);
    path.push(x.map((xi, j) => xi - v[j] / steps));
  }
  const x0 = path[steps];
  let total = 0;
  for (let k = 0; k < steps; k++) {
    const mid = path[k].map((a, j) => (a + path[k + 1][j]) / 2);
    const v = velocity(mid, 1 - (k + 0.5) / steps);
    let sum = 0;
    for (let j = 0; j < v.length; j++) sum += (noise[j] - x0[j] - v[j]) ** 2;
    total += sum / rows / steps;
  }
  return total;
}
