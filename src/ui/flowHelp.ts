/** KaTeX for the flow-matching controls (tooltips), beside help.ts's TEX. */
export const FLOW_TEX = {
  shift: String.raw`\tau(t) = \frac{\alpha t}{1 + (\alpha - 1)\,t},\ \ x_t = (1-\tau)\,x_0 + \tau\,\varepsilon,\ \ \sigma = \alpha\,\tfrac{t}{1-t}`,
  fm: String.raw`\hat v_\theta(x_\tau, \tau) \approx \mathbb E[\varepsilon - x_0 \mid x_\tau],\ \ D = \frac{x - \sigma\,\hat v}{1 + \sigma}`,
  straightness: String.raw`S = \frac{\int_0^1 \lVert \dot x_t \rVert\,dt}{\lVert x_1 - x_0 \rVert} \ge 1`,
  mesh: String.raw`\Phi_{1\to t}:\ x_1 \mapsto x_t,\quad \tfrac{dx_t}{dt} = f(t)\,x_t - \tfrac12 g(t)^2\,\nabla\log p_t(x_t)`,
};
