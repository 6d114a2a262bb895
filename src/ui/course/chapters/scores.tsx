import type { ChapterProps, Reference } from './tex';
import { D, T } from './tex';

/** Chapters 4–5: scores and Langevin dynamics, SDEs and the probability-flow ODE. Every equation is the one the code runs (see each file's citation). */

function Score({ fig }: ChapterProps) {
  return (
    <>
      <p>
        A second line of work reached the same models from a different quantity: the <em>score</em>,
        the gradient of the log-density, <T>{String.raw`\nabla_x \log p(x)`}</T>. It points uphill
        toward where data is likely and needs no normalising constant. Given the score, Langevin
        dynamics samples from <T>{'p'}</T>:
      </p>
      <D>{String.raw`x \leftarrow x + \tfrac{\alpha}{2}\,\nabla_x \log p(x) + \sqrt{\alpha}\,z,\qquad z\sim\mathcal N(0,I),`}</D>
      <p>
        which for small <T>{String.raw`\alpha`}</T> and many steps converges to <T>{'p'}</T>. Two
        problems stop this working on data directly. The score is undefined off the data manifold,
        and in low-density regions we have no examples to estimate it from. Song and Ermon&apos;s
        fix is to add noise: the noised density{' '}
        <T>{String.raw`p_\sigma = p * \mathcal N(0,\sigma^2 I)`}</T> is smooth and positive
        everywhere, and its score follows from the denoiser by Tweedie&apos;s formula,
      </p>
      <D>{String.raw`\nabla_x \log p_\sigma(x) = \frac{D(x,\sigma) - x}{\sigma^2}.`}</D>
      <p>
        This is why the arrows in every figure are the score: they show{' '}
        <T>{String.raw`D(x,\sigma)-x`}</T>, a positive multiple of it. Learning the score is
        therefore denoising. <em>Denoising score matching</em> (Vincent 2011) trains{' '}
        <T>{String.raw`s_\theta`}</T> against the score of the noising kernel,
      </p>
      <D>{String.raw`\mathbb E_{x_0,\varepsilon}\Big\lVert s_\theta(x_0+\sigma\varepsilon,\sigma) + \frac{\varepsilon}{\sigma}\Big\rVert^2 \;=\; \frac{1}{\sigma^4}\,\mathbb E\,\big\lVert D_\theta(x_0+\sigma\varepsilon,\sigma) - x_0\big\rVert^2,`}</D>
      <p>
        the same regression as DDPM&apos;s loss up to a weight per noise level. One network,
        conditioned on <T>{String.raw`\sigma`}</T>, learns the scores of all the noised densities at
        once. NCSN samples by <em>annealed</em> Langevin dynamics: a few steps at each level of a
        decreasing sequence <T>{String.raw`\sigma_1 > \dots > \sigma_L`}</T>, with step size{' '}
        <T>{String.raw`\alpha_i = \epsilon\,\sigma_i^2/\sigma_L^2`}</T> so that the signal-to-noise
        ratio of each update is the same at every level. The figure uses the VE process,{' '}
        <T>{String.raw`\sigma(t) = \sigma_{\min}(\sigma_{\max}/\sigma_{\min})^t`}</T> from 0.01 to
        50, with four steps per level and <T>{String.raw`\epsilon/\sigma_L^2 = 0.2`}</T>.
      </p>
      {fig('langevin')}
      <p>
        Watch the arrows change as <T>{String.raw`\sigma`}</T> falls. At large{' '}
        <T>{String.raw`\sigma`}</T>, the noised density is one broad blob and every arrow points at
        its centre. As the levels shrink, the field splits, and particles that were drawn together
        are sent to one moon or the other. Langevin steps are expensive (four model calls per level
        here). The next chapter shows that DDPM and NCSN are two discretisations of one continuous
        process, and that the noise is optional.
      </p>
    </>
  );
}

function SdeOde({ fig }: ChapterProps) {
  return (
    <>
      <p>
        Let the number of noising steps grow without bound and the forward chain becomes a
        stochastic differential equation (Song et al. 2021):
      </p>
      <D>{String.raw`dx = f(t)\,x\,dt + g(t)\,dW .`}</D>
      <p>
        DDPM&apos;s chain is the <em>variance-preserving</em> (VP) SDE,{' '}
        <T>{String.raw`f(t) = -\tfrac12\beta(t)`}</T>, <T>{String.raw`g(t)^2 = \beta(t)`}</T>, with{' '}
        <T>{String.raw`\beta(t) = 0.1 + 19.9\,t`}</T> on <T>{String.raw`t\in[0,1]`}</T>; NCSN&apos;s
        noise levels are the <em>variance-exploding</em> SDE, <T>{'f = 0'}</T> and{' '}
        <T>{String.raw`g^2 = d\sigma^2/dt = 2\sigma(t)^2\log(\sigma_{\max}/\sigma_{\min})`}</T>.
        Both are special cases of <T>{String.raw`x_t = s(t)(x_0 + \sigma(t)\varepsilon)`}</T>, with{' '}
        <T>{String.raw`f = \tfrac{d}{dt}\log s`}</T>. Anderson (1982) showed that such an SDE run
        backwards in time is again an SDE, whose drift involves the score of the marginals{' '}
        <T>{'p_t'}</T>:
      </p>
      <D>{String.raw`dx = \big[f(t)\,x - g(t)^2\,\nabla_x\log p_t(x)\big]\,dt + g(t)\,d\bar W .`}</D>
      <p>
        Euler–Maruyama on this reverse SDE is, step for step, a sampler like DDPM&apos;s. But there
        is a second way back. Song et al. showed that the deterministic{' '}
        <em>probability-flow ODE</em>
      </p>
      <D>{String.raw`\frac{dx}{dt} = f(t)\,x - \tfrac12\,g(t)^2\,\nabla_x\log p_t(x)`}</D>
      <p>
        has exactly the same marginals <T>{'p_t'}</T> at every time. The noise and half the score
        term cancel in distribution. In the coordinates the code uses,{' '}
        <T>{String.raw`x = x_t/s(t)`}</T>, the ODE is simply
      </p>
      <D>{String.raw`\frac{dx}{d\sigma} = \frac{x - D(x,\sigma)}{\sigma},`}</D>
      <p>
        the same for every process (Karras et al. 2022), and its Euler step{' '}
        <T>{String.raw`x_{i+1} = x_i + (\sigma_{i+1}-\sigma_i)\,(x_i - D(x_i,\sigma_i))/\sigma_i`}</T>{' '}
        is DDIM with <T>{String.raw`\eta = 0`}</T>. The figure integrates the VP process both ways
        from the same <T>{'x_T'}</T>, on a mixture of eight Gaussians whose exact score is known in
        closed form.
      </p>
      {fig('ode-sde')}
      <p>
        The two panels end with the same distribution: eight clusters of equal weight. The paths are
        another matter. The ODE gives a fixed map from noise to data, smooth and invertible, which
        makes likelihoods computable and lets higher-order solvers take large steps. The SDE keeps
        injecting noise, which costs steps but corrects errors: a particle pushed off course by an
        inaccurate score is pulled back toward the right marginal. Karras et al. found the best
        samplers for imperfect networks mix the two, adding a controlled amount of noise
        (&ldquo;churn&rdquo;) to an ODE solver.
      </p>
      <p>
        The ODE also turns the model into a normalising flow. By the instantaneous change of
        variables,{' '}
        <T>{String.raw`\log p_0(x_0) = \log p_T(x_T) + \int_0^T \nabla\cdot F(x_t,t)\,dt`}</T> with{' '}
        <T>{'F'}</T> the ODE&apos;s drift, so an exact likelihood costs one ODE solve with a
        divergence estimate along the way. The sampler lab computes it for the 2D data sets.
      </p>
    </>
  );
}

export const TEXT: Record<string, (props: ChapterProps) => React.ReactNode> = {
  score: Score,
  'sde-ode': SdeOde,
};

export const REFERENCES: Record<string, readonly Reference[]> = {
  score: [
    {
      text: 'Hyvärinen 2005, Estimation of Non-Normalized Statistical Models by Score Matching',
      url: 'https://jmlr.org/papers/v6/hyvarinen05a.html',
    },
    {
      text: 'Vincent 2011, A Connection Between Score Matching and Denoising Autoencoders',
      url: 'https://doi.org/10.1162/NECO_a_00142',
    },
    {
      text: 'Song & Ermon 2019, Generative Modeling by Estimating Gradients of the Data Distribution (NCSN, Algorithm 1)',
      url: 'https://arxiv.org/abs/1907.05600',
    },
    {
      text: 'Efron 2011, Tweedie’s Formula and Selection Bias',
      url: 'https://doi.org/10.1198/jasa.2011.tm11181',
    },
  ],
  'sde-ode': [
    {
      text: 'Song et al. 2021, Score-Based Generative Modeling through Stochastic Differential Equations',
      url: 'https://arxiv.org/abs/2011.13456',
    },
    {
      text: 'Anderson 1982, Reverse-time diffusion equation models',
      url: 'https://doi.org/10.1016/0304-4149(82)90051-5',
    },
    {
      text: 'Karras et al. 2022, Elucidating the Design Space of Diffusion-Based Generative Models',
      url: 'https://arxiv.org/abs/2206.00364',
    },
  ],
};
