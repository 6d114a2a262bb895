import type { ReactNode } from 'react';
import { Tex } from '../controls/Tex';

/**
 * The course's prose, one component per chapter (ids and figures in src/state/course.ts). Every
 * equation is the one the code runs: the schedules in core/schedules, the samplers in
 * core/samplers (each names its paper and equation), the exact denoisers in core/denoisers.
 */
export interface ChapterProps {
  /** The chapter's figure by id, with its question when it has one. */
  fig(id: string): ReactNode;
}

export interface Reference {
  text: string;
  url: string;
}

const T = ({ children }: { children: string }) => <Tex tex={children} />;
const D = ({ children }: { children: string }) => <Tex tex={children} display />;

function Generative({ fig }: ChapterProps) {
  return (
    <>
      <p>
        A generative model turns samples of a simple distribution into samples of a complicated one.
        We can draw from a standard Gaussian as often as we like; we would like to draw from the
        distribution <T>{String.raw`p_{\text{data}}`}</T> of, say, photographs, of which we only
        have examples. A diffusion model learns the map from one to the other by learning to undo
        noise.
      </p>
      <p>
        The idea has two halves. The <em>forward process</em> takes a data point <T>{'x_0'}</T> and
        adds Gaussian noise, a little at a time, until nothing of <T>{'x_0'}</T> is left. This needs
        no learning at all. The <em>reverse process</em> starts from pure noise and removes it step
        by step. Every step needs one thing we do not know: a guess of the clean point behind a
        noisy one. That guess is the <em>denoiser</em>
      </p>
      <D>{String.raw`D(x, \sigma) \approx \mathbb{E}[\,x_0 \mid x_0 + \sigma\varepsilon = x\,],\qquad \varepsilon \sim \mathcal N(0, I),`}</D>
      <p>
        the average clean point given a point noised at level <T>{String.raw`\sigma`}</T>. Learning
        a generative model becomes regression: show a network noisy points and ask it for the clean
        ones. Every sampler in this playground sees only <T>{'D'}</T>, whichever network or formula
        provides it.
      </p>
      <p>
        The figure below is the whole pipeline in two dimensions. Each blue dot is one sample: it
        starts as a draw from a Gaussian (step 0) and is moved by a sampler that calls <T>{'D'}</T>{' '}
        forty times. The grey points are the data. The arrows show, at the current noise level, the
        direction <T>{String.raw`D(x,\sigma) - x`}</T> in which the denoiser pulls each point of
        space. Here <T>{'D'}</T> is not a network but the <em>exact</em> denoiser of 2000 fixed
        swiss-roll points: for a finite set <T>{String.raw`\{y_j\}`}</T> the conditional mean has a
        closed form,
      </p>
      <D>{String.raw`D(x,\sigma) = \sum_j w_j(x)\, y_j,\qquad w_j(x) = \operatorname{softmax}_j\!\Big(-\tfrac{\lVert x - y_j\rVert^2}{2\sigma^2}\Big).`}</D>
      {fig('sample')}
      <p>
        Two lessons follow from this figure. First, the path from noise to data is gradual: early
        steps decide the coarse layout (which arm of the spiral), late steps the fine detail.
        Second, a perfect model of the training set is not what we want. As{' '}
        <T>{String.raw`\sigma \to 0`}</T> the softmax puts all its weight on the nearest{' '}
        <T>{'y_j'}</T>, so the ideal denoiser can only copy its training points. A trained network
        is smoother than this ideal, and that smoothness is what lets it produce new samples. The
        rest of the course looks at each piece in turn: how the noise is added, how the reverse
        steps are built, and why some samplers need far fewer steps than others.
      </p>
    </>
  );
}

function Forward({ fig }: ChapterProps) {
  return (
    <>
      <p>
        DDPM fixes a chain of <T>{'N = 1000'}</T> small noising steps. Step <T>{'t'}</T> shrinks the
        signal slightly and adds noise of variance <T>{String.raw`\beta_t`}</T>:
      </p>
      <D>{String.raw`q(x_t \mid x_{t-1}) = \mathcal N\big(\sqrt{1-\beta_t}\,x_{t-1},\ \beta_t I\big).`}</D>
      <p>
        Because Gaussians compose, any <T>{'x_t'}</T> can be drawn from <T>{'x_0'}</T> in one go.
        With <T>{String.raw`\bar\alpha_t = \prod_{s \le t} (1-\beta_s)`}</T>,
      </p>
      <D>{String.raw`x_t = \sqrt{\bar\alpha_t}\,x_0 + \sqrt{1-\bar\alpha_t}\,\varepsilon,\qquad \varepsilon\sim\mathcal N(0,I).`}</D>
      <p>
        So the whole chain is described by one curve, <T>{String.raw`\bar\alpha_t`}</T>, falling
        from 1 (clean data) to nearly 0 (pure noise). The code also writes every process in the form{' '}
        <T>{String.raw`x_t = s(t)\,(x_0 + \sigma(t)\,\varepsilon)`}</T>: here{' '}
        <T>{String.raw`s = \sqrt{\bar\alpha_t}`}</T> and{' '}
        <T>{String.raw`\sigma = \sqrt{(1-\bar\alpha_t)/\bar\alpha_t}`}</T>, the noise-to-signal
        ratio, so that one denoiser <T>{String.raw`D(x,\sigma)`}</T> serves every process.
      </p>
      <p>
        The <em>schedule</em> is the choice of <T>{String.raw`\beta_t`}</T>. Ho et al. used a linear
        ramp, <T>{String.raw`\beta_t`}</T> from <T>{String.raw`10^{-4}`}</T> to <T>{'0.02'}</T>.
        Drag <T>{'t'}</T> in the first figure: each point moves along its own fixed noise direction,
        and the contours show the exact density of the noised data, a blurred copy of the spiral.
      </p>
      {fig('noise')}
      <p>
        On the linear schedule, <T>{String.raw`\bar\alpha`}</T> is 0.39 at <T>{'t = 0.3N'}</T> and
        0.08 at <T>{'t = 0.5N'}</T>: the second half of the chain sees almost pure noise and teaches
        the model little. Nichol and Dhariwal proposed instead to set{' '}
        <T>{String.raw`\bar\alpha`}</T> directly,
      </p>
      <D>{String.raw`\bar\alpha_t = \frac{f(t)}{f(0)},\qquad f(t) = \cos^2\!\Big(\frac{t/N + 0.008}{1.008}\cdot\frac{\pi}{2}\Big),\qquad \beta_t = \min\!\Big(1-\frac{\bar\alpha_t}{\bar\alpha_{t-1}},\ 0.999\Big),`}</D>
      <p>
        which makes the log signal-to-noise ratio{' '}
        <T>{String.raw`\log(\bar\alpha/(1-\bar\alpha))`}</T> fall almost linearly. The second figure
        noises the same points with the same <T>{String.raw`\varepsilon`}</T> on the cosine
        schedule.
      </p>
      {fig('cosine')}
      <p>
        The closed form is also what makes training cheap. A training example is one line: draw a
        data point, a timestep and a noise vector, form <T>{'x_t'}</T>, and ask the network for the
        noise or the clean point. The chain is never simulated. Note too that neither schedule quite
        reaches pure noise: on the linear schedule{' '}
        <T>{String.raw`\bar\alpha_N \approx 4\cdot 10^{-5}`}</T>, so a sampler that starts from{' '}
        <T>{String.raw`\mathcal N(0,I)`}</T> starts slightly off the chain&apos;s end. Lin et al.
        rescale the schedule to zero terminal SNR for this reason.
      </p>
      <p>
        The schedule does not change what the model must learn, only how the training effort and the
        sampler&apos;s steps are spread over noise levels. The schedules view compares{' '}
        <T>{String.raw`\bar\alpha`}</T>, <T>{String.raw`\sigma`}</T> and the log SNR of every
        schedule the playground knows.
      </p>
    </>
  );
}

function Ddpm({ fig }: ChapterProps) {
  return (
    <>
      <p>
        If each forward step adds only a little noise, each reverse step{' '}
        <T>{String.raw`q(x_{t-1}\mid x_t)`}</T> is close to Gaussian. DDPM learns it through the one
        quantity it cannot compute: given <T>{'x_0'}</T>, the reverse step is known exactly,
      </p>
      <D>{String.raw`q(x_{t-1}\mid x_t, x_0) = \mathcal N\Big(\tfrac{\sqrt{\bar\alpha_{t-1}}\,\beta_t}{1-\bar\alpha_t}\,x_0 + \tfrac{\sqrt{\alpha_t}\,(1-\bar\alpha_{t-1})}{1-\bar\alpha_t}\,x_t,\ \tilde\beta_t I\Big),\quad \tilde\beta_t = \tfrac{1-\bar\alpha_{t-1}}{1-\bar\alpha_t}\beta_t,`}</D>
      <p>
        with <T>{String.raw`\alpha_t = 1-\beta_t`}</T>. Replace the unknown <T>{'x_0'}</T> by the
        network&apos;s guess and you have a sampler. Ho et al. parameterise the guess by the noise:
        a network <T>{String.raw`\varepsilon_\theta(x_t,t)`}</T> predicts the{' '}
        <T>{String.raw`\varepsilon`}</T> that made <T>{'x_t'}</T>, trained with the simple loss
      </p>
      <D>{String.raw`L_{\text{simple}} = \mathbb E_{t,x_0,\varepsilon}\big\lVert \varepsilon - \varepsilon_\theta\big(\sqrt{\bar\alpha_t}x_0 + \sqrt{1-\bar\alpha_t}\,\varepsilon,\ t\big)\big\rVert^2,`}</D>
      <p>and the ancestral step (their Algorithm 2) is</p>
      <D>{String.raw`x_{t-1} = \frac{1}{\sqrt{\alpha_t}}\Big(x_t - \frac{\beta_t}{\sqrt{1-\bar\alpha_t}}\,\varepsilon_\theta(x_t,t)\Big) + \sigma_t z,\qquad \sigma_t^2 = \tilde\beta_t\ \text{or}\ \beta_t .`}</D>
      <p>
        Predicting <T>{String.raw`\varepsilon`}</T> and predicting <T>{'x_0'}</T> are the same
        thing:{' '}
        <T>{String.raw`\hat x_0 = (x_t - \sqrt{1-\bar\alpha_t}\,\hat\varepsilon)/\sqrt{\bar\alpha_t}`}</T>
        . The code writes the step with <T>{String.raw`\hat x_0 = D`}</T> and uses it between any
        two timesteps of a shorter grid, with{' '}
        <T>{String.raw`\beta = 1 - \bar\alpha_t/\bar\alpha_s`}</T> for the jump{' '}
        <T>{String.raw`t \to s`}</T>, which is how 50 steps can stand in for 1000.
      </p>
      <p>
        Where does <T>{String.raw`L_{\text{simple}}`}</T> come from? The model&apos;s log-likelihood
        has a variational lower bound that is a sum of KL divergences, one per step, between the
        true posterior above and the model&apos;s Gaussian. With the variance fixed, each KL is a
        weighted squared error between noises; dropping the weights gives{' '}
        <T>{String.raw`L_{\text{simple}}`}</T>, a worse bound but better samples. The two variances
        are the extremes Ho et al. analysed: <T>{String.raw`\beta_t`}</T> is optimal if the data
        were themselves Gaussian noise, <T>{String.raw`\tilde\beta_t`}</T> if the data were a single
        point. With 1000 steps they give the same samples; with few steps they do not.
      </p>
      <p>
        DDIM (Song, Meng and Ermon) noticed that the training loss only constrains the marginals{' '}
        <T>{String.raw`q(x_t\mid x_0)`}</T>, so other reverse chains fit the same network. Its step
      </p>
      <D>{String.raw`x_{s} = \sqrt{\bar\alpha_{s}}\,\hat x_0 + \sqrt{1-\bar\alpha_{s}-\sigma_\eta^2}\;\hat\varepsilon + \sigma_\eta z,\qquad \sigma_\eta = \eta\sqrt{\tfrac{1-\bar\alpha_s}{1-\bar\alpha_t}}\sqrt{1-\tfrac{\bar\alpha_t}{\bar\alpha_s}}`}</D>
      <p>
        is DDPM&apos;s posterior at <T>{String.raw`\eta = 1`}</T> and deterministic at{' '}
        <T>{String.raw`\eta = 0`}</T>. The figure runs both from the same <T>{'x_T'}</T> with the
        exact denoiser of the two moons.
      </p>
      {fig('ddpm-ddim')}
      <p>
        Deterministic sampling has a practical use beyond smooth paths: the map from <T>{'x_T'}</T>{' '}
        to <T>{'x_0'}</T> is invertible, so an image can be encoded into its noise and edited there.
        The next two chapters explain what that deterministic path is.
      </p>
    </>
  );
}

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

export const CHAPTER_TEXT: Record<string, (props: ChapterProps) => ReactNode> = {
  generative: Generative,
  forward: Forward,
  ddpm: Ddpm,
  score: Score,
  'sde-ode': SdeOde,
  solvers: Solvers,
  flow: Flow,
};

export const CHAPTER_REFERENCES: Record<string, readonly Reference[]> = {
  generative: [
    {
      text: 'Sohl-Dickstein et al. 2015, Deep Unsupervised Learning using Nonequilibrium Thermodynamics',
      url: 'https://arxiv.org/abs/1503.03585',
    },
    {
      text: 'Ho, Jain & Abbeel 2020, Denoising Diffusion Probabilistic Models',
      url: 'https://arxiv.org/abs/2006.11239',
    },
    {
      text: 'Karras et al. 2022, Elucidating the Design Space of Diffusion-Based Generative Models',
      url: 'https://arxiv.org/abs/2206.00364',
    },
  ],
  forward: [
    {
      text: 'Ho, Jain & Abbeel 2020, Denoising Diffusion Probabilistic Models',
      url: 'https://arxiv.org/abs/2006.11239',
    },
    {
      text: 'Nichol & Dhariwal 2021, Improved Denoising Diffusion Probabilistic Models',
      url: 'https://arxiv.org/abs/2102.09672',
    },
    {
      text: 'Lin et al. 2024, Common Diffusion Noise Schedules and Sample Steps are Flawed',
      url: 'https://arxiv.org/abs/2305.08891',
    },
  ],
  ddpm: [
    {
      text: 'Ho, Jain & Abbeel 2020, Denoising Diffusion Probabilistic Models (Algorithm 2)',
      url: 'https://arxiv.org/abs/2006.11239',
    },
    {
      text: 'Song, Meng & Ermon 2021, Denoising Diffusion Implicit Models (eq. 12, 16)',
      url: 'https://arxiv.org/abs/2010.02502',
    },
  ],
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
