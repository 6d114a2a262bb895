import type { ChapterProps, Reference } from './tex';
import { D, T } from './tex';

/**
 * Chapter 9: likelihoods. The equations are core/lab/heunLikelihood.ts and bitsPerDim.ts (images)
 * and core/discrete/mdlm.ts (MDLM's continuous-time bound).
 */
function Likelihood({ fig }: ChapterProps) {
  return (
    <>
      <p>
        A sampler answers &ldquo;draw me an example&rdquo;. A likelihood answers &ldquo;how probable
        is this example?&rdquo;, the number that lets us compare generative models of any kind on
        held-out data. Diffusion models give it two ways.
      </p>
      <p>
        The first is exact up to numerical error. The probability-flow ODE is a deterministic,
        invertible map from data to noise, so the change-of-variables formula applies. In the
        coordinates <T>{String.raw`u = \log\sigma`}</T> the state moves by{' '}
        <T>{String.raw`dx/du = x - D(x, e^u)`}</T>, whose divergence is{' '}
        <T>{String.raw`d - \nabla\!\cdot D`}</T> in dimension <T>{'d'}</T>, and
      </p>
      <D>{String.raw`\log p_{\sigma_{\min}}(x) = \log\mathcal N\big(x(\sigma_{\max});\,0,\,\sigma_{\max}^2 I\big) + \int_{\log\sigma_{\min}}^{\log\sigma_{\max}} \big(d - \nabla\!\cdot D(x(u), e^u)\big)\,du.`}</D>
      <p>
        The divergence is estimated with Hutchinson&apos;s trick,{' '}
        <T>{String.raw`\nabla\!\cdot D \approx \varepsilon^\top J_D\,\varepsilon`}</T>, one
        vector-Jacobian product per probe. Images are integers, so the density is turned into a
        probability by uniform dequantisation, and reported in bits per dimension: for pixels scaled
        to <T>{'[-1, 1]'}</T>, <T>{String.raw`\text{bpd} = -\log p(y)/(d\ln 2) + 7`}</T>. The image
        view&apos;s likelihood panel runs this on the digits UNet beside the second estimate.
      </p>
      <p>
        The second estimate is a bound. Diffusion training minimises a reweighting of a variational
        bound on the negative log-likelihood: the ELBO, a sum of KL divergences between the true
        posterior of each forward step and the model&apos;s reverse step. It is cheap (no ODE, no
        divergence) and always above the NLL; the gap is the KL divergence between the forward
        chain&apos;s posterior over the noisy path and the model&apos;s reverse chain.
      </p>
      <p>
        For masked diffusion on token sequences the bound has a particularly simple continuous-time
        form (MDLM). With <T>{String.raw`\alpha_\tau`}</T> the probability that a token is still
        unmasked at time <T>{String.raw`\tau`}</T>,
      </p>
      <D>{String.raw`-\log p(x_0) \le \int_0^1 \frac{-\alpha'_\tau}{1-\alpha_\tau} \sum_{l:\ x^l_\tau = m} -\log p_\theta(x^l_0\mid x_\tau)\,d\tau,`}</D>
      <p>
        a weighted cross-entropy on the masked positions, estimated with a few stratified draws of{' '}
        <T>{String.raw`\tau`}</T> per sequence. An autoregressive model needs no bound: it factors
        the probability exactly,{' '}
        <T>{String.raw`-\log p(x_0) = \sum_l -\log p_\phi(x^l_0\mid x^{<l}_0)`}</T>.
      </p>
      <p>
        The figure scores first names, letter by letter, in bits per character: the masked diffusion
        network&apos;s bound beside an autoregressive model of the same names, and the exact
        denoiser of the training names, which samples the training set itself and so knows each
        training name&apos;s true probability, beside its own bound.
      </p>
      {fig('elbo')}
      <p>
        The comparison is the one papers make: the diffusion model&apos;s bound against the
        autoregressive model&apos;s exact value. The bound is not tight for a network, so part of
        the gap is the bound&apos;s and not the model&apos;s. The exact denoiser separates the two:
        its reverse process is the true one, and its bound closes.
      </p>
    </>
  );
}

export const TEXT: Record<string, (props: ChapterProps) => React.ReactNode> = {
  likelihood: Likelihood,
};

export const REFERENCES: Record<string, readonly Reference[]> = {
  likelihood: [
    {
      text: 'Song et al. 2021, Score-Based Generative Modeling through SDEs (eq. 39–40, Appendix D.2)',
      url: 'https://arxiv.org/abs/2011.13456',
    },
    {
      text: 'Grathwohl et al. 2019, FFJORD: Free-form Continuous Dynamics (Hutchinson’s estimator, eq. 7)',
      url: 'https://arxiv.org/abs/1810.01367',
    },
    {
      text: 'Ho, Jain & Abbeel 2020, Denoising Diffusion Probabilistic Models (the variational bound, eq. 5)',
      url: 'https://arxiv.org/abs/2006.11239',
    },
    {
      text: 'Sahoo et al. 2024, Simple and Effective Masked Diffusion Language Models (MDLM, eq. 10–11)',
      url: 'https://arxiv.org/abs/2406.07524',
    },
  ],
};
