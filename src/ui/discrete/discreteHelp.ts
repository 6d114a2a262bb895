/** KaTeX for the discrete view's controls (tooltips); each matches the code it describes. */
export const DISCRETE_TEX = {
  processes: String.raw`q(x_t \mid x_0) = \mathrm{Cat}(x_t;\ x_0 \bar Q_t),\ \ \bar Q_t = \bar\alpha_t I + (1 - \bar\alpha_t)\,\mathbf 1 \pi^\top,\ \ \pi = \tfrac1K \mathbf 1 \text{ (uniform) or } e_{m} \text{ (absorbing)};\ \ \text{Gaussian: } [Q_t]_{ij} \propto e^{-4(i-j)^2/((K-1)^2\beta_t)}`,
  schedules: String.raw`\text{log-linear: } \bar\alpha_t = 1 - t/T;\ \ \text{cosine: } \bar\alpha_t = \frac{\cos^2\!\big(\tfrac{t/T + s}{1 + s}\tfrac\pi2\big)}{\cos^2\!\big(\tfrac{s}{1+s}\tfrac\pi2\big)};\ \ \text{MI: } \beta_t = (T - t + 1)^{-1};\ \ \text{linear: } \beta_t \text{ from } 10^{-4} \text{ to } 0.02`,
  forward: String.raw`x_t^{l} = x_0^{l} \text{ while } u_l < \bar\alpha_t, \text{ else a draw from } \pi`,
  sampler: String.raw`p_\theta(x_s \mid x_t) = \sum_{\hat x_0} q(x_s \mid x_t, \hat x_0)\, p_\theta(\hat x_0 \mid x_t)`,
  guidance: String.raw`\log \tilde p(x_0 \mid x_t, y) = W \log p_\theta(x_0 \mid x_t, y) + (1 - W) \log p_\theta(x_0 \mid x_t) + \text{const}`,
  elbo: String.raw`-\log p(x_0) \le \int_0^1 \frac{-\alpha'_\tau}{1 - \alpha_\tau} \sum_{l:\ x_\tau^l = m} -\log p_\theta(x_0^l \mid x_\tau)\, d\tau`,
  ar: String.raw`-\log p(x_0) = \sum_{l} -\log p_\phi(x_0^l \mid x_0^{<l})`,
};
