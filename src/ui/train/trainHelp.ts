/** The equations behind the train view's controls and charts (KaTeX source for tooltips). */
export const TRAIN_TEX = {
  objective: {
    eps: String.raw`\mathcal L = \mathbb E_{t,x_0,\varepsilon}\,\|\hat\varepsilon_\theta(x_t,t)-\varepsilon\|^2,\ \ t\sim\mathcal U[0,T-1]\ \text{(DDPM }L_{\text{simple}})`,
    x0: String.raw`\mathcal L = \mathbb E\,\|\hat x_\theta(x_t,t)-x_0\|^2`,
    v: String.raw`\mathcal L = \mathbb E\,\|\hat v_\theta(x_t,t)-v\|^2,\ \ v=\sqrt{\bar\alpha_t}\,\varepsilon-\sqrt{1-\bar\alpha_t}\,x_0`,
    dsm: String.raw`\mathcal L = \mathbb E\,\lambda(\sigma_t)\,\big\|s_\theta(x_t,t)+\varepsilon/\sigma_t\big\|^2,\ \ \lambda(\sigma_t)=\sigma_t^2,\ \sigma_t=\sqrt{1-\bar\alpha_t}`,
    edm: String.raw`\mathcal L = \mathbb E\,\lambda(\sigma)\,\|D_\theta(x;\sigma)-x_0\|^2,\ \lambda=\tfrac{\sigma^2+\sigma_d^2}{(\sigma\sigma_d)^2},\ \ln\sigma\sim\mathcal N(-1.2,1.2^2)`,
  } as Record<string, string>,
  schedule: String.raw`\bar\alpha_t=\textstyle\prod_{s\le t}(1-\beta_s),\ \ x_t=\sqrt{\bar\alpha_t}\,x_0+\sqrt{1-\bar\alpha_t}\,\varepsilon,\ T=1000`,
  width: String.raw`h_{\ell+1}=\operatorname{SiLU}(W_\ell h_\ell+b_\ell+P_\ell\,e(t)),\ \ W_\ell\in\mathbb R^{\text{width}\times\text{width}}`,
  timeEmbedding: {
    sinusoidal: String.raw`e(t)=[\sin(t f_k),\cos(t f_k)],\ \ f_k=10000^{-k/(d/2)}`,
    fourier: String.raw`e(t)=[\sin(t\,\omega_k),\cos(t\,\omega_k)],\ \ \omega_k\sim\mathcal N\big(0,(2\pi s/(T-1))^2\big)\ \text{fixed}`,
  } as Record<string, string>,
  learningRate: String.raw`\theta\leftarrow\theta-\eta\,\hat m/(\sqrt{\hat v}+\epsilon)\ \ \text{(Adam)}`,
  batch: String.raw`\nabla\mathcal L\approx\tfrac1B\textstyle\sum_{i=1}^B\nabla\ell_i`,
  ema: String.raw`\bar\theta\leftarrow\beta_k\bar\theta+(1-\beta_k)\theta,\ \ \beta_k=\min\big(\beta,\tfrac{1+k}{10+k}\big)`,
  seed: String.raw`\theta_0,\ (x_0,\varepsilon,t)_{\text{step }k}\ \text{from }(\text{seed},k)\ \text{only}`,
  error: String.raw`\mathbb E_{x_0,\varepsilon}\,\|D_\theta(x,\sigma_t)-D^*(x,\sigma_t)\|^2,\ \ D^*=\mathbb E[x_0\mid x]`,
  hybrid: String.raw`\mathcal L_{\text{hybrid}}=\mathcal L_{\text{simple}}+\lambda\,\mathcal L_{\text{vlb}},\ \ \mathcal L_{\text{vlb}}=T\,\mathbb E_t\,D_{\mathrm{KL}}\big(q(x_{t-1}\mid x_t,x_0)\,\|\,\mathcal N(\operatorname{sg}[\mu_\theta],\Sigma_\theta)\big),\ \ \Sigma_\theta=e^{v\log\beta_t+(1-v)\log\tilde\beta_t}`,
  every: String.raw`\text{samples, field, density and error every }k\text{ steps}`,
} as const;
