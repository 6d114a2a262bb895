/** KaTeX for the image view's controls and readouts. */
export const IMAGE_TEX = {
  class: String.raw`c \in \{0,\dots,K-1\}\ \text{or}\ \varnothing;\ \ \text{trained with } c \to \varnothing \text{ 10\% of the time}`,
  guidance: String.raw`\hat\varepsilon_w(x_t) = \hat\varepsilon(x_t,\varnothing) + w\,\big(\hat\varepsilon(x_t,c) - \hat\varepsilon(x_t,\varnothing)\big)`,
  classifierGuidance: String.raw`D_w(x,\sigma) = D(x,\sigma,\varnothing) + w\,\sigma^2\,\nabla_x \log p_\phi(c \mid x_\sigma)\quad(\text{Dhariwal \& Nichol 2021})`,
  seed: String.raw`x_T^{(i)} = \sigma_{\max}\, z_{[i\,d,\ (i+1)\,d)},\ \ z = \text{normals}(\text{seed}, 0)`,
  clip: String.raw`\hat x_0 \leftarrow \operatorname{clip}(\hat x_0, -1, 1)`,
  noising: String.raw`x_t = \sqrt{\bar\alpha_t}\,x_0 + \sqrt{1-\bar\alpha_t}\,\varepsilon,\quad \hat\varepsilon = \frac{x_t - \sqrt{\bar\alpha_t}\,\hat x_0}{\sqrt{1-\bar\alpha_t}}`,
  flowNoising: String.raw`x_t = (1-t)\,x_0 + t\,\varepsilon,\quad \hat\varepsilon = \frac{x_t - (1-t)\,\hat x_0}{t},\quad \hat v = \hat\varepsilon - \hat x_0`,
  repaint: String.raw`x_{t-1} = m \odot \big(\sqrt{\bar\alpha_{t-1}}x_0 + \sqrt{1-\bar\alpha_{t-1}}\,\varepsilon\big) + (1-m)\odot x^{\text{unknown}}_{t-1}`,
  jump: String.raw`\text{after } j \text{ reverse steps, } x_{t+j} \sim q(x_{t+j}\mid x_t) \text{ (forward), } r-1 \text{ times}`,
  inversion: String.raw`\frac{dx}{d\sigma} = \frac{x - D(x,\sigma)}{\sigma} = \hat\varepsilon(x,\sigma)\quad\text{integrated from } \sigma=0 \text{ to } \sigma_{\max}`,
  slerp: String.raw`\operatorname{slerp}(z_A, z_B; \lambda) = \frac{\sin((1-\lambda)\Omega)}{\sin\Omega} z_A + \frac{\sin(\lambda\Omega)}{\sin\Omega} z_B`,
  classMix: String.raw`\hat\varepsilon = \hat\varepsilon_\varnothing + w\big[(1-\lambda)(\hat\varepsilon_A - \hat\varepsilon_\varnothing) + \lambda(\hat\varepsilon_B - \hat\varepsilon_\varnothing)\big]`,
  fd: String.raw`\lVert\mu_s-\mu_r\rVert^2 + \operatorname{tr}\big(\Sigma_s + \Sigma_r - 2(\Sigma_s\Sigma_r)^{1/2}\big)`,
  is: String.raw`\exp\Big(\mathbb E_x\,\mathrm{KL}\big(p(y\mid x)\,\Vert\,p(y)\big)\Big)`,
} as const;

/** The restore panel's explanations. */
export const RESTORE_HELP = {
  operator:
    'y = A(x) + σ_y·n: 2× / 4× average pooling, a separable Gaussian blur (zero padding), random pixels kept (the rest unobserved), or the identity (denoising). Each has a known SVD A = U·S·Vᵀ.',
  solver:
    'DDRM works in the SVD basis of A (no gradients); DPS and ΠGDM differentiate ‖y − A(x̂₀)‖ through the network (one backward pass per step); ILVR replaces the low-pass part A⁺A·x (pooling and masks); RePaint (masks only) replaces the kept pixels and resamples.',
  etaTex: String.raw`\text{DDRM: } \bar x_t = \bar x_\theta + \sqrt{1-\eta^2}\,\sigma_t\,\tfrac{\bar x_{t+1}-\bar x_\theta}{\sigma_{t+1}} + \eta\,\sigma_t\,\varepsilon \ (s_k = 0);\quad \text{ΠGDM: DDIM}(\eta)`,
  zetaTex: String.raw`z_{t-1} = z'_{t-1} - \zeta\,\nabla_{z_t}\lVert y - A(\hat x_0(z_t))\rVert`,
};

export const LIKELIHOOD_HELP = {
  ode: 'The probability-flow ODE carries the image from σ_min = σ(t = 1) up to σ_max, where the prior is N(0, σ_max²I); the change of volume is the integral of the denoiser’s divergence, estimated with Rademacher probes held fixed along the path (Hutchinson). The image is dequantised once with uniform noise, so the result bounds the 8-bit image’s bits per dimension in expectation.',
  elbo: 'The DDPM variational bound (Ho et al. 2020, eq. 5) on the 8-bit image itself: L_T + Σ L_{t−1} + L_0 with the discretised decoder L_0 (eq. 13); the sum over t is estimated from stratified terms.',
  bpdTex: String.raw`	ext{bpd} = -\Bigl(	frac{\log p(y)}{D} - \log 128\Bigr)ig/\ln 2,\quad y = 	frac{v+u}{128} - 1`,
};
