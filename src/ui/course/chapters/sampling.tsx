import type { ChapterProps, Reference } from './tex';
import { D, T } from './tex';

/** Chapters 6–7: fast solvers and flow matching. Every equation is the one the code runs (see each file's citation). */

function Solvers({ fig }: ChapterProps) {
  return (
    <>
      <p>
        Once sampling is an ODE, its cost is the number of function evaluations (NFE), one model
        call each, and the question is how few a solver can get away with. A solver of order{' '}
        <T>{'k'}</T> makes a global error that shrinks like <T>{'h^k'}</T> with the step size. Euler
        is first order: halve the steps and the error doubles. Each extra order buys a great deal
        when steps are few.
      </p>
      <p>
        Two choices matter besides the solver. The first is where the steps go. Karras et al. put
        the <T>{'N'}</T> noise levels at
      </p>
      <D>{String.raw`\sigma_i = \Big(\sigma_{\max}^{1/\rho} + \tfrac{i}{N-1}\big(\sigma_{\min}^{1/\rho} - \sigma_{\max}^{1/\rho}\big)\Big)^{\rho},\qquad \rho = 7,`}</D>
      <p>
        then <T>{String.raw`\sigma_N = 0`}</T>, which crowds steps near small{' '}
        <T>{String.raw`\sigma`}</T>, where detail is decided. The second is what to integrate.
        Heun&apos;s method (second order, two calls per step) corrects each Euler step by the slope
        at its end. DPM-Solver++ (Lu et al. 2022) observes that in{' '}
        <T>{String.raw`\lambda = -\log\sigma`}</T> the ODE has a linear part that can be integrated
        exactly, leaving only <T>{'D'}</T> to approximate:
      </p>
      <D>{String.raw`x_{t} = \frac{\sigma_{t}}{\sigma_{s}}\,x_{s} + \big(1 - e^{-h}\big)\,D',\qquad h = \lambda_{t} - \lambda_{s}.`}</D>
      <p>
        With <T>{String.raw`D' = D(x_s,\sigma_s)`}</T> this is DDIM again. The multistep variant 2M
        makes it second order for free, extrapolating from the previous step&apos;s denoised
        estimate:
      </p>
      <D>{String.raw`D' = \Big(1 + \frac{1}{2r}\Big)D_s - \frac{1}{2r}\,D_{\text{prev}},\qquad r = \frac{h_{\text{prev}}}{h}.`}</D>
      <p>
        The first step, with no history, and the last step onto <T>{String.raw`\sigma = 0`}</T> are
        first order. The figure gives Euler and DPM-Solver++(2M) six calls each on the EDM process (
        <T>{String.raw`\sigma`}</T> from 80 to 0.002) over a grid of 25 Gaussians.
      </p>
      {fig('few-step')}
      <p>
        Why not classical Runge–Kutta? Every stage is a model call, so RK4 spends four calls per
        step; at a budget of ten calls that is barely two steps. Multistep methods (PLMS, DEIS,
        DPM-Solver++(2M), UniPC) reach high order by reusing the evaluations they have already made.
        And predicting the data rather than the noise keeps the steps stable under strong guidance,
        where the network&apos;s output leaves the range it was trained on.
      </p>
      <p>
        Same NFE, different accuracy. Euler&apos;s first steps overshoot at large{' '}
        <T>{String.raw`\sigma`}</T> and it never recovers; 2M&apos;s correction uses information it
        already paid for. The sampler lab measures these orders: it fits the slope of the error
        against NFE for every sampler against a tight RK45 reference, and the fitted slopes come out
        near 1 for Euler and near 2 for Heun and 2M.
      </p>
    </>
  );
}

function Flow({ fig }: ChapterProps) {
  return (
    <>
      <p>
        Flow matching (Lipman et al. 2023; Liu et al. 2023, &ldquo;rectified flow&rdquo;) starts
        from the ODE rather than from a noising chain. Pick a path from noise to data for each pair,
        here a straight line,
      </p>
      <D>{String.raw`x_t = (1-t)\,x_0 + t\,\varepsilon,\qquad t\in[0,1],`}</D>
      <p>
        whose velocity is <T>{String.raw`\varepsilon - x_0`}</T>. A network learns the velocity
        field by regression on those pairs,
      </p>
      <D>{String.raw`\mathcal L = \mathbb E_{t,x_0,\varepsilon}\big\lVert v_\theta(x_t,t) - (\varepsilon - x_0)\big\rVert^2,`}</D>
      <p>
        and sampling integrates <T>{String.raw`dx/dt = v_\theta(x,t)`}</T> from <T>{'t = 1'}</T> to{' '}
        <T>{'t = 0'}</T>. The minimiser is the conditional mean{' '}
        <T>{String.raw`v(x,t) = \mathbb E[\varepsilon - x_0 \mid x_t = x]`}</T>, and the ODE it
        defines carries noise to data with the right marginals at every <T>{'t'}</T>.
      </p>
      <p>
        This is a diffusion model in disguise. In the form{' '}
        <T>{String.raw`x_t = s(t)(x_0 + \sigma(t)\varepsilon)`}</T> the interpolant has{' '}
        <T>{'s = 1-t'}</T> and <T>{String.raw`\sigma = t/(1-t)`}</T>, and the velocity is a
        reparameterised denoiser, <T>{String.raw`v = (x_t - D)/t`}</T>. So every sampler of the
        earlier chapters runs on it: the Euler step in <T>{String.raw`\sigma`}</T> lands exactly
        where an Euler step of <T>{String.raw`dx/dt = v`}</T> does, since both give{' '}
        <T>{String.raw`x_s = (1-s)\,\hat x_0 + s\,\hat\varepsilon`}</T>. The figure runs the exact
        flow of a checkerboard with eight Euler steps and eight Heun steps.
      </p>
      <p>
        The conversion works both ways, which is why the playground needs no separate flow code for
        its samplers. The exact model of the figure is the same denoiser as in every other chapter,
        turned into a velocity by the formula above; the shipped <code>fm</code> networks learn{' '}
        <T>{'v'}</T> directly and are turned back into a denoiser,{' '}
        <T>{String.raw`D = x_t - t\,v`}</T>, so DPM-Solver++ or DDIM can run on them unchanged.
      </p>
      {fig('flow-paths')}
      <p>
        The individual pairs move on straight lines, yet the sampled paths bend: many pairs pass
        through each point, and the velocity there is their average. Straight paths would make Euler
        exact in one step. Reflow (retraining on the model&apos;s own noise–sample pairs) and
        couplings by minibatch optimal transport straighten the flow. Stable Diffusion 3 instead
        moves its steps: the time shift{' '}
        <T>{String.raw`\tau(u) = \alpha u / (1 + (\alpha - 1)u)`}</T> with{' '}
        <T>{String.raw`\alpha = 3`}</T> spends more of the grid at high noise, where large images
        need it (the <code>shift=</code> field sets it here). The flow mesh view draws the whole
        warped grid and compares its straightness with a diffusion PF-ODE.
      </p>
    </>
  );
}

export const TEXT: Record<string, (props: ChapterProps) => React.ReactNode> = {
  solvers: Solvers,
  flow: Flow,
};

export const REFERENCES: Record<string, readonly Reference[]> = {
  solvers: [
    {
      text: 'Karras et al. 2022, Elucidating the Design Space (σ grid, Heun, Algorithm 2)',
      url: 'https://arxiv.org/abs/2206.00364',
    },
    {
      text: 'Lu et al. 2022, DPM-Solver: A Fast ODE Solver for Diffusion Probabilistic Model Sampling',
      url: 'https://arxiv.org/abs/2206.00927',
    },
    {
      text: 'Lu et al. 2022, DPM-Solver++: Fast Solver for Guided Sampling (Algorithm 2)',
      url: 'https://arxiv.org/abs/2211.01095',
    },
    {
      text: 'Zhang & Chen 2023, Fast Sampling of Diffusion Models with Exponential Integrator (DEIS)',
      url: 'https://arxiv.org/abs/2204.13902',
    },
  ],
  flow: [
    {
      text: 'Lipman et al. 2023, Flow Matching for Generative Modeling',
      url: 'https://arxiv.org/abs/2210.02747',
    },
    {
      text: 'Liu, Gong & Liu 2023, Flow Straight and Fast: Learning to Generate and Transfer Data with Rectified Flow',
      url: 'https://arxiv.org/abs/2209.03003',
    },
    {
      text: 'Esser et al. 2024, Scaling Rectified Flow Transformers for High-Resolution Image Synthesis (SD3)',
      url: 'https://arxiv.org/abs/2403.03206',
    },
    {
      text: 'Tong et al. 2024, Improving and Generalizing Flow-Based Generative Models with Minibatch Optimal Transport',
      url: 'https://arxiv.org/abs/2302.00482',
    },
  ],
};
