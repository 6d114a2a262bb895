import type { ChapterProps, Reference } from './tex';
import { D, T } from './tex';

/**
 * Chapter 10: diffusion on tokens. The equations are core/discrete/process.ts (Q̄_t),
 * schedules.ts (log-linear ᾱ), samplers/mdlm-ancestral.ts and samplers/confidence.ts.
 */
function Discrete({ fig }: ChapterProps) {
  return (
    <>
      <p>
        Text and pixels with a fixed palette are sequences of tokens from a finite vocabulary of{' '}
        <T>{'K'}</T> symbols. Gaussian noise makes no sense there, but the recipe carries over: a
        forward process that destroys information step by step, and a learned reverse process that
        restores it. D3PM corrupts each token independently with a transition matrix; after{' '}
        <T>{'t'}</T> steps, writing tokens as one-hot rows,
      </p>
      <D>{String.raw`q(x_t\mid x_0) = \operatorname{Cat}\big(x_t;\ x_0\bar Q_t\big),\qquad \bar Q_t = \bar\alpha_t I + (1-\bar\alpha_t)\,\mathbf 1\pi^\top.`}</D>
      <p>
        A token survives with probability <T>{String.raw`\bar\alpha_t`}</T>; otherwise it is
        replaced by a draw from <T>{String.raw`\pi`}</T>. Two choices of <T>{String.raw`\pi`}</T>{' '}
        matter. <em>Uniform</em> corruption, <T>{String.raw`\pi = \mathbf 1/K`}</T>, turns a letter
        into any letter, so a noised sequence still looks like data and nothing marks which tokens
        are wrong. <em>Absorbing</em> (masked) corruption, <T>{String.raw`\pi = e_m`}</T>, sends
        lost tokens to an extra mask symbol <T>{'m'}</T>: the noised sequence says exactly which
        positions are unknown, and the reverse process only has to fill them in. The discrete
        view&apos;s forward panel shows both, with <T>{String.raw`\bar Q_t`}</T> as a heatmap.
      </p>
      <p>
        Masked diffusion is the variant most used today, and MDLM reduces its reverse step to one
        rule. On the log-linear schedule <T>{String.raw`\bar\alpha_t = 1 - t/T`}</T> a masked token
        at time <T>{'t'}</T> is revealed by time <T>{'s < t'}</T> with probability
      </p>
      <D>{String.raw`\frac{\bar\alpha_s - \bar\alpha_t}{1 - \bar\alpha_t},`}</D>
      <p>
        and its value is drawn from the network&apos;s prediction{' '}
        <T>{String.raw`p_\theta(x_0^l\mid x_t)`}</T> with the mask excluded; revealed tokens are
        never changed again. The network is a small transformer that sees the whole partly masked
        sequence, so each letter is chosen in the context of every letter already there.
      </p>
      {fig('names')}
      <p>
        Under the exact denoiser of the training names the same sampler reproduces training names
        when it reveals one token per step; revealing several at once draws them independently from
        their marginals, which can combine into names that were never in the set. The view counts
        both, valid names, copies and new ones, after every run.
      </p>
      <p>
        The reverse process does not have to reveal tokens at random. Confidence-ordered unmasking
        (MaskGIT, LLaDA) keeps the same number of reveals per step, so that the masked fraction
        follows the schedule: step <T>{'i'}</T> reveals
      </p>
      <D>{String.raw`k_i = m - \operatorname{round}\!\Big(m\,\frac{1-\bar\alpha_s}{1-\bar\alpha_t}\Big)`}</D>
      <p>
        of the <T>{'m'}</T> masked tokens, but it picks the ones whose top candidate the network
        rates most probable. On 8×8 digits read as 64 grey-level tokens, that order says what the
        network finds easy.
      </p>
      {fig('reveal')}
    </>
  );
}

export const TEXT: Record<string, (props: ChapterProps) => React.ReactNode> = {
  discrete: Discrete,
};

export const REFERENCES: Record<string, readonly Reference[]> = {
  discrete: [
    {
      text: 'Austin et al. 2021, Structured Denoising Diffusion Models in Discrete State-Spaces (D3PM, eq. 2–3)',
      url: 'https://arxiv.org/abs/2107.03006',
    },
    {
      text: 'Sahoo et al. 2024, Simple and Effective Masked Diffusion Language Models (MDLM, eq. 7)',
      url: 'https://arxiv.org/abs/2406.07524',
    },
    {
      text: 'Chang et al. 2022, MaskGIT: Masked Generative Image Transformer (§3.2)',
      url: 'https://arxiv.org/abs/2202.04200',
    },
    {
      text: 'Nie et al. 2025, Large Language Diffusion Models (LLaDA, Algorithm 5)',
      url: 'https://arxiv.org/abs/2502.09992',
    },
  ],
};
