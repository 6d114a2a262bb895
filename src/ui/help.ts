/** The equation each control changes, as KaTeX source (shown in the controls' tooltips). */
export const TEX = {
  dataset: String.raw`x_0 \sim p_{\text{data}},\ \ \mathbb E[x_0]\approx 0,\ \tfrac12\operatorname{tr}\operatorname{Cov}[x_0]\approx 1`,
  model: String.raw`D_\theta(x,\sigma)\approx \mathbb E[x_0\mid x_0+\sigma\varepsilon = x];\ \text{exact: } D = \textstyle\sum_i w_i(x,\sigma)\,x_0^{(i)}`,
  process: {
    'vp-discrete': String.raw`x_t = \sqrt{\bar\alpha_t}\,x_0 + \sqrt{1-\bar\alpha_t}\,\varepsilon,\ \ \bar\alpha_t=\textstyle\prod_{s\le t}(1-\beta_s),\ t=0..999`,
    vp: String.raw`dx = -\tfrac12\beta(t)\,x\,dt + \sqrt{\beta(t)}\,dW,\ \ \beta(t)=\beta_{\min}+t(\beta_{\max}-\beta_{\min})`,
    subvp: String.raw`dx = -\tfrac12\beta(t)\,x\,dt + \sqrt{\beta(t)\big(1-e^{-2\int_0^t\beta}\big)}\,dW`,
    ve: String.raw`dx = \sqrt{\tfrac{d\sigma^2(t)}{dt}}\,dW,\ \ \sigma(t)=\sigma_{\min}(\sigma_{\max}/\sigma_{\min})^t`,
    edm: String.raw`x = x_0 + \sigma\varepsilon,\ \ \sigma(t)=t,\ \ s(t)=1`,
    flow: String.raw`x_t = (1-t)\,x_0 + t\,\varepsilon,\ \ v = \varepsilon - x_0,\ \ \sigma(t) = \tfrac{t}{1-t}`,
  } as Record<string, string>,
  beta: {
    linear: String.raw`\beta_t = \beta_{\text{start}} + \tfrac{t}{T-1}(\beta_{\text{end}}-\beta_{\text{start}})`,
    scaled_linear: String.raw`\beta_t = \big(\sqrt{\beta_{\text{start}}} + \tfrac{t}{T-1}(\sqrt{\beta_{\text{end}}}-\sqrt{\beta_{\text{start}}})\big)^2`,
    squaredcos_cap_v2: String.raw`\bar\alpha(t)=\cos^2\!\Big(\tfrac{t/T+0.008}{1.008}\tfrac\pi2\Big),\ \beta_t=\min\!\big(1-\tfrac{\bar\alpha(t+1)}{\bar\alpha(t)},0.999\big)`,
    sigmoid: String.raw`\beta_t = \beta_{\text{start}} + (\beta_{\text{end}}-\beta_{\text{start}})\,\operatorname{sigmoid}(-6+12\tfrac{t}{T-1})`,
  } as Record<string, string>,
  spacing: {
    linspace: String.raw`t_i = \operatorname{round}\!\big((T-1)\tfrac{N-1-i}{N-1}\big)`,
    leading: String.raw`t_i = (N-1-i)\,\lfloor T/N\rfloor + \text{offset}`,
    trailing: String.raw`t_i = \operatorname{round}\!\big(T - i\,T/N\big) - 1`,
  } as Record<string, string>,
  grid: {
    karras: String.raw`\sigma_i = \big(\sigma_{\max}^{1/\rho} + \tfrac{i}{N-1}(\sigma_{\min}^{1/\rho}-\sigma_{\max}^{1/\rho})\big)^{\rho},\ \rho=7`,
    exponential: String.raw`\log\sigma_i = \log\sigma_{\max} + \tfrac{i}{N-1}\log\tfrac{\sigma_{\min}}{\sigma_{\max}}`,
    polyexponential: String.raw`\log\sigma_i = \log\sigma_{\min} + (1-\tfrac{i}{N-1})^{\rho}\log\tfrac{\sigma_{\max}}{\sigma_{\min}}`,
    logSNR: String.raw`\lambda_i = -2\log\sigma_i\ \text{uniform in } i`,
    'time-uniform': String.raw`t_i = t_{\max} + \tfrac{i}{N-1}(t_{\min}-t_{\max}),\ \sigma_i=\sigma(t_i)`,
  } as Record<string, string>,
  steps: String.raw`N:\ \sigma_0>\sigma_1>\dots>\sigma_N=0;\ \ \text{NFE}=N\cdot\text{NFE/step}`,
  particles: String.raw`x_T^{(j)} = \sigma_{\max} z^{(j)},\ j=1..n`,
  seed: String.raw`z = \Phi^{-1}\big(\operatorname{hash}(\text{seed},\text{stream},\text{index})\big)`,
  t: String.raw`x_t = s(t)\big(x_0 + \sigma(t)\,\varepsilon\big)`,
  field: String.raw`\nabla_x\log p_t(x) = \frac{s\,D(x/s,\sigma)-x}{s^2\sigma^2}`,
  ghosts: String.raw`\hat x_0 = D(x_t/s,\sigma)`,
} as const;
