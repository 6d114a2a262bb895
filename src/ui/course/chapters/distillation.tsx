import type { ChapterProps, Reference } from './tex';
import { D, T } from './tex';

/**
 * Chapter 11: few-step models. The equations are training/distill_math.py (DDIM step,
 * progressive distillation's target, the consistency parameterisation) and
 * core/samplers/consistency.ts (multistep sampling).
 */
function Distillation({ fig }: ChapterProps) {
  return (
    <>
      <p>
        Better solvers cut the number of model calls from a thousand to ten or twenty. Going further
        means changing the model. The starting point is deterministic sampling: DDIM with{' '}
        <T>{String.raw`\eta = 0`}</T> moves from noise level <T>{String.raw`\sigma`}</T> to{' '}
        <T>{String.raw`\sigma'`}</T> by
      </p>
      <D>{String.raw`x' = \hat x_0 + \frac{\sigma'}{\sigma}\,(x - \hat x_0),\qquad \hat x_0 = D(x,\sigma),`}</D>
      <p>
        and with two steps the teacher network has to guess the whole data set from pure noise in
        one call. Its guess is the mean of everything the noise could become, so the first figure
        comes out blurred.
      </p>
      {fig('teacher')}
      <p>
        <em>Progressive distillation</em> (Salimans and Ho) trains a student, initialised as a copy
        of the teacher, to do in one DDIM step what the teacher does in two. From <T>{'x'}</T> at{' '}
        <T>{String.raw`\sigma`}</T>, two teacher steps through a midpoint land at{' '}
        <T>{String.raw`x''`}</T> at <T>{String.raw`\sigma''`}</T>; the student&apos;s target is the
        clean estimate whose single DDIM step lands there,
      </p>
      <D>{String.raw`\tilde x_0 = \frac{x'' - (\sigma''/\sigma)\,x}{1 - \sigma''/\sigma}.`}</D>
      <p>
        Each round halves the steps, and the student becomes the next round&apos;s teacher. The
        playground ships the students of its moons, eight-Gaussians and swiss-roll networks at one,
        two and four steps, distilled from 64 teacher steps in six rounds.
      </p>
      {fig('student')}
      <p>
        <em>Consistency models</em> (Song et al.) take a different route: a function{' '}
        <T>{String.raw`f(x,\sigma)`}</T> that maps every point of a probability-flow trajectory to
        the trajectory&apos;s origin. It is parameterised so that{' '}
        <T>{String.raw`f(x,\sigma_{\min}) = x`}</T> holds exactly,
      </p>
      <D>{String.raw`f(x,\sigma) = c_{\text{skip}}(\sigma)\,x + c_{\text{out}}(\sigma)\,F(x,\sigma),`}</D>
      <D>{String.raw`c_{\text{skip}} = \frac{\sigma_d^2}{(\sigma-\sigma_{\min})^2+\sigma_d^2},\qquad c_{\text{out}} = \frac{(\sigma-\sigma_{\min})\,\sigma_d}{\sqrt{\sigma_d^2+\sigma^2}},`}</D>
      <p>
        with <T>{String.raw`\sigma_d = 1`}</T> the data&apos;s scale (the 2D sets have unit
        variance), and consistency distillation trains it to give the same answer at adjacent points
        of one teacher ODE step. One call then samples; more calls alternate{' '}
        <T>{String.raw`x \leftarrow f(x,\sigma_i)`}</T> with fresh noise{' '}
        <T>{String.raw`x \leftarrow x + \sigma_{i+1} z`}</T>. Open the figure in the full view and
        set the model to <code>consistency</code>: on these data sets the shipped consistency models
        are 1.1 to 3.3 times the progressive students&apos; distance to held-out data, and more
        steps do not reliably help, because each step re-noises and <T>{'f'}</T> is learnt only
        approximately.
      </p>
      <p>
        Not every speed-up needs training. The sampler lab searches the noise levels themselves: for
        DPM-Solver++(2M) at 10 steps on its benchmark mixture, an optimised σ grid has a third of
        the error of the Karras grid (docs/SPEEDUP.md), and any grid can be pasted into a link as{' '}
        <code>sigmas=</code>. Likewise, dynamic programming over the DDPM bound picks which of the
        1000 training timesteps a short chain should visit.
      </p>
    </>
  );
}

export const TEXT: Record<string, (props: ChapterProps) => React.ReactNode> = {
  distillation: Distillation,
};

export const REFERENCES: Record<string, readonly Reference[]> = {
  distillation: [
    {
      text: 'Salimans & Ho 2022, Progressive Distillation for Fast Sampling of Diffusion Models (Algorithm 2)',
      url: 'https://arxiv.org/abs/2202.00512',
    },
    {
      text: 'Song, Dhariwal, Chen & Sutskever 2023, Consistency Models (eq. 7, Algorithms 1–2)',
      url: 'https://arxiv.org/abs/2303.01469',
    },
    {
      text: 'Song, Meng & Ermon 2021, Denoising Diffusion Implicit Models (eq. 12)',
      url: 'https://arxiv.org/abs/2010.02502',
    },
    {
      text: 'Watson et al. 2021, Learning to Efficiently Sample from Diffusion Probabilistic Models',
      url: 'https://arxiv.org/abs/2106.03802',
    },
  ],
};
