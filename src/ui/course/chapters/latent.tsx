import type { ChapterProps, Reference } from './tex';
import { D, T } from './tex';

/**
 * Chapter 13: latent diffusion. The equations are src/models/vae.ts and training/vae.py (the
 * autoencoder and its loss), core/denoisers/empirical.ts via core/data/latentData.ts (the exact
 * latent denoiser), core/latent/plan.ts (the Karras grid from σ = 20) and core/latent/truncated.ts
 * (the truncated start), as worker/thread/jobs/latent.ts runs them; the measured numbers are
 * docs/LATENT.md's.
 */
function Latent({ fig }: ChapterProps) {
  return (
    <>
      <p>
        Every chapter so far diffused the data themselves. For images that means every step runs the
        network on every pixel, although most of what the pixels hold is detail that a much shorter
        code could carry. Latent diffusion splits the work: an autoencoder learns the code, and the
        diffusion model learns the distribution of codes.
      </p>
      <p>
        The autoencoders here are small VAEs. The encoder maps an image to a Gaussian over the
        latent, the decoder maps a latent back to pixels in <T>{'[-1, 1]'}</T>,
      </p>
      <D>{String.raw`q_\phi(z\mid x) = \mathcal N\big(\mu_\phi(x),\ \operatorname{diag} e^{\ell_\phi(x)}\big),\qquad \operatorname{Dec}_\theta(z) = 2\,\operatorname{sigmoid}\big(f_\theta(z)\big) - 1,`}</D>
      <p>
        trained on the negative ELBO with the prior <T>{String.raw`\mathcal N(0, I)`}</T>: a
        Bernoulli reconstruction term on the pixels and{' '}
        <T>{String.raw`\mathrm{KL}\big(q_\phi(z\mid x)\,\|\,\mathcal N(0, I)\big)`}</T>. The latent
        of an image is its posterior mean, <T>{String.raw`z_0 = \mu_\phi(x)`}</T>.
      </p>
      <p>
        Diffusion then runs on <T>{'z'}</T> instead of <T>{'x'}</T>, and nothing else changes: the
        noised latent, the denoiser and the probability-flow ODE that Heun&apos;s method steps on
        the Karras grid from <T>{String.raw`\sigma = 20`}</T> to <T>{String.raw`10^{-4}`}</T> are
      </p>
      <D>{String.raw`z_\sigma = z_0 + \sigma\varepsilon,\qquad D(z, \sigma) \approx \mathbb E[z_0 \mid z_\sigma = z],\qquad \frac{dz}{d\sigma} = \frac{z - D(z, \sigma)}{\sigma},`}</D>
      <p>
        and a sample is decoded once, at the end:{' '}
        <T>{String.raw`x = \operatorname{Dec}_\theta(z_0)`}</T>. For the encoded training set{' '}
        <T>{String.raw`z^{(1)}, \dots, z^{(N)}`}</T> the noised latents are the mixture{' '}
        <T>{String.raw`\tfrac1N\sum_i \mathcal N(z^{(i)}, \sigma^2 I)`}</T>, and the denoiser that
        minimises <T>{String.raw`\mathbb E\,\|D(z_0 + \sigma\varepsilon, \sigma) - z_0\|^2`}</T>,
        with <T>{'z_0'}</T> drawn from the training latents, is known exactly:
      </p>
      <D>{String.raw`D(z, \sigma) = \sum_{i=1}^N w_i(z)\, z^{(i)},\qquad w_i(z) \propto \exp\!\Big(-\frac{\|z - z^{(i)}\|^2}{2\sigma^2}\Big).`}</D>
      <p>
        As <T>{String.raw`\sigma \to 0`}</T> the weights fall on the nearest training latent, so the
        ODE ends on one: the empirical optimum memorises. The figure shows it in the 2D latent of
        handwritten digits, over the 1,401 encoded training images coloured by class.
      </p>
      {fig('plain')}
      <p>
        The VAE is a generator on its own: decode a prior draw{' '}
        <T>{String.raw`z_{\mathrm{vae}} \sim \mathcal N(0, I)`}</T>. Its samples are cheap and
        blurry, and the prior knows nothing of where the encoded data lie. Truncated diffusion
        starts the reverse process part way down, from such a sample noised to{' '}
        <T>{String.raw`\sigma_s`}</T>,
      </p>
      <D>{String.raw`z_{\sigma_s} = z_{\mathrm{vae}} + \sigma_s\,\varepsilon,`}</D>
      <p>
        and steps only the grid from its first <T>{String.raw`\sigma_k \le \sigma_s`}</T> down. At{' '}
        <T>{String.raw`\sigma_s = 20`}</T> the start is the plain run&apos;s{' '}
        <T>{String.raw`\sigma_{\max}\varepsilon`}</T>, same seed, same samples; at{' '}
        <T>{String.raw`\sigma_s = 0`}</T> no step is left.
      </p>
      {fig('truncated')}
      <p>
        Why bother: on Fashion-MNIST, 100 class-conditional images with guidance <T>{'w = 2'}</T>{' '}
        and 50 DDIM steps in tfjs on WASM, the pixel UNet takes 3,253 ms per image (class agreement
        100%, Fréchet distance 0.067), the 16D latent model with its decoder 21.7 ms (88%, 0.113),
        the 2D one 25.1 ms (76%, 0.200). The latent model is 150 times faster, and its autoencoder
        bounds its quality. Truncation pays in pixel space too: from decoded VAE samples noised to{' '}
        <T>{String.raw`\sigma_s = 9.05`}</T> the pixel model takes 33 of its 50 steps and scores 97%
        and 0.071; the VAE sample alone, 9% and 0.153.
      </p>
    </>
  );
}

export const TEXT: Record<string, (props: ChapterProps) => React.ReactNode> = {
  latent: Latent,
};

export const REFERENCES: Record<string, readonly Reference[]> = {
  latent: [
    {
      text: 'Rombach et al. 2022, High-Resolution Image Synthesis with Latent Diffusion Models',
      url: 'https://arxiv.org/abs/2112.10752',
    },
    {
      text: 'Vahdat, Kreis & Kautz 2021, Score-based Generative Modeling in Latent Space (LSGM)',
      url: 'https://arxiv.org/abs/2106.05931',
    },
    {
      text: 'Lyu et al. 2022, Accelerating Diffusion Models via Early Stop of the Diffusion Process (ES-DDPM)',
      url: 'https://arxiv.org/abs/2205.12524',
    },
    {
      text: 'Zheng et al. 2022, Truncated Diffusion Probabilistic Models (TDPM)',
      url: 'https://arxiv.org/abs/2202.09671',
    },
    {
      text: 'Kingma & Welling 2014, Auto-Encoding Variational Bayes',
      url: 'https://arxiv.org/abs/1312.6114',
    },
  ],
};
