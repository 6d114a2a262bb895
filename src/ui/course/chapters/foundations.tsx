import type { ChapterProps, Reference } from './tex';
import { D, T } from './tex';

/** Chapters 1–3: the generative model, forward noising and DDPM. Every equation is the one the code runs (see each file's citation). */

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

export const TEXT: Record<string, (props: ChapterProps) => React.ReactNode> = {
  generative: Generative,
  forward: Forward,
  ddpm: Ddpm,
};

export const REFERENCES: Record<string, readonly Reference[]> = {
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
};
