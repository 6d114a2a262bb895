import type { ChapterProps, Reference } from './tex';
import { D, T } from './tex';

/**
 * Chapter 8: conditioning a sampler on a class or a region. The equations are
 * core/guidance/classGuidance.ts (classifier guidance, CFG) and exactRegion.ts (restriction).
 */
function Guidance({ fig }: ChapterProps) {
  return (
    <>
      <p>
        So far every sampler drew from the whole data distribution. Often we want part of it: a
        digit of a given class, an image that agrees with a prompt, points inside a region. The
        denoiser makes this a matter of changing one function. By Tweedie&apos;s formula{' '}
        <T>{String.raw`D(x,\sigma) = x + \sigma^2\nabla\log p_\sigma(x)`}</T>, and Bayes&apos; rule
        splits the score of the conditional density into the unconditional score plus the score of a
        classifier of noisy points:
      </p>
      <D>{String.raw`\nabla\log p_\sigma(x\mid y) = \nabla\log p_\sigma(x) + \nabla\log p(y\mid x_\sigma = x).`}</D>
      <p>
        <em>Classifier guidance</em> (Dhariwal and Nichol) adds the classifier&apos;s gradient to
        the denoiser with a scale <T>{'w'}</T>:
      </p>
      <D>{String.raw`D_w(x,\sigma) = D(x,\sigma) + w\,\sigma^2\,\nabla\log p(y\mid x_\sigma = x).`}</D>
      <p>
        At <T>{'w = 1'}</T> this is exactly the denoiser of <T>{String.raw`p(x_0\mid y)`}</T>. On
        the playground&apos;s Gaussian mixtures the class <T>{'y'}</T> is the component a point was
        drawn from, so the classifier is known in closed form: it is the posterior responsibility{' '}
        <T>{String.raw`r_k(x)`}</T> of component <T>{'k'}</T> under the noised mixture, and with{' '}
        <T>{String.raw`\Sigma_j = C_j + \sigma^2 I`}</T> and{' '}
        <T>{String.raw`s_j = -\Sigma_j^{-1}(x-\mu_j)`}</T>,
      </p>
      <D>{String.raw`\nabla\log p(y = k\mid x_\sigma = x) = s_k - \sum_j r_j(x)\, s_j.`}</D>
      <p>
        Why ever use <T>{'w \\neq 1'}</T>? Because learned classifiers and denoisers are imperfect,
        and practitioners found that samples look more typical of their class at larger scales. The
        price is diversity: at scale <T>{'w'}</T> the sampler targets{' '}
        <T>{String.raw`p(x)\,p(y\mid x)^w`}</T>, which is not <T>{String.raw`p(x\mid y)`}</T>.
      </p>
      {fig('classifier')}
      <p>
        <em>Classifier-free guidance</em> (Ho and Salimans) needs no classifier: one network learns
        both the conditional denoiser <T>{'D_y'}</T> and the unconditional <T>{'D'}</T> (by dropping
        the label at random in training), and sampling extrapolates between them,
      </p>
      <D>{String.raw`D_w = D + w\,(D_y - D).`}</D>
      <p>
        On the exact model <T>{String.raw`D_y - D = \sigma^2\nabla\log p(y\mid x_\sigma)`}</T>, so
        CFG and classifier guidance are the same denoiser at every <T>{'w'}</T>; they differ only
        for learned models. The image view applies CFG to its class-conditional UNets with the same
        field, <code>guidance</code>.
      </p>
      <p>
        A class is only one kind of condition. Any event with a computable probability works: for
        the event that <T>{'x_0'}</T> lies in a region <T>{'R'}</T>,
      </p>
      <D>{String.raw`D_R(x,\sigma) = \mathbb E[x_0\mid x_\sigma = x,\ x_0\in R] = D(x,\sigma) + \sigma^2\,\nabla\log P(x_0\in R\mid x_\sigma = x).`}</D>
      <p>
        For a Gaussian mixture and a half-plane this is a truncated normal per component, in closed
        form, and the sampler then draws the data restricted to the half-plane exactly (up to its
        discretisation). For a network the playground approximates the probability at the
        network&apos;s own estimate of <T>{'x_0'}</T>, as DPS does for inverse problems.
      </p>
      {fig('region')}
    </>
  );
}

export const TEXT: Record<string, (props: ChapterProps) => React.ReactNode> = {
  guidance: Guidance,
};

export const REFERENCES: Record<string, readonly Reference[]> = {
  guidance: [
    {
      text: 'Dhariwal & Nichol 2021, Diffusion Models Beat GANs on Image Synthesis (Algorithm 1, eq. 2–3)',
      url: 'https://arxiv.org/abs/2105.05233',
    },
    {
      text: 'Ho & Salimans 2022, Classifier-Free Diffusion Guidance (eq. 6)',
      url: 'https://arxiv.org/abs/2207.12598',
    },
    {
      text: 'Chung et al. 2023, Diffusion Posterior Sampling for General Noisy Inverse Problems',
      url: 'https://arxiv.org/abs/2209.14687',
    },
  ],
};
