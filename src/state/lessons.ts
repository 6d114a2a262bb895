/**
 * Lesson presets: each is a link (a URL hash) with two or three sentences that say what to
 * look at. The app lists them in the Lessons menu and shows the text above the view while
 * `lesson=` is in the link; the README lists the same links (a unit test keeps them in step).
 */
export interface Lesson {
  id: string;
  title: string;
  text: string;
  /** The link's hash, without '#'. Starts with `lesson=<id>` so the text shows on arrival. */
  hash: string;
}

export const LESSONS: readonly Lesson[] = [
  {
    id: 'forward',
    title: 'The forward process',
    text: 'Drag t from 0 to 1: every point moves along q(x_t | x_0) with its own fixed noise, and the contours show the exact density of the noised data. On the linear schedule the swiss roll is already close to a Gaussian by t ≈ 0.6; the chart below shows why: ᾱ has fallen almost to zero there.',
    hash: 'lesson=forward&view=forward&dataset=swissroll&t=0.3&n=3000&hide=model',
  },
  {
    id: 'ddpm-ddim',
    title: 'DDPM vs DDIM',
    text: 'Both panels start from the same x_T and use the same trained schedule. DDPM (left) draws fresh noise at every step, so its paths jitter; DDIM with η = 0 (right) takes the deterministic path of the discretised probability-flow ODE and lands on the data with smooth paths. Raise the second sampler’s η to 1 and DDIM adds DDPM’s noise back.',
    hash: 'lesson=ddpm-ddim&view=compare&dataset=moons&sampler=ddpm&sampler2=ddim&eta2=0&steps=50&n=1500&hide=process,schedule,spacing',
  },
  {
    id: 'ode-sde',
    title: 'ODE vs SDE',
    text: 'The same VP SDE sampled two ways from identical x_T: the probability-flow ODE (Euler, left) moves each particle along a smooth deterministic path, while the reverse SDE (Euler–Maruyama, right) adds noise at every step. Both carry the Gaussian to the same data distribution, but the five coloured particles end in different places.',
    hash: 'lesson=ode-sde&view=compare&process=vp&dataset=gaussians8&sampler=euler&sampler2=euler-maruyama&steps=100&n=1500',
  },
  {
    id: 'cosine',
    title: 'Why the cosine schedule',
    text: 'With DDPM’s linear β schedule, ᾱ_t is nearly zero for the last third of the timesteps: those steps see almost pure noise and the log SNR plunges at the end. The cosine schedule (Nichol & Dhariwal 2021) makes the log SNR fall almost linearly in t, so information is destroyed evenly and few steps are wasted.',
    hash: 'lesson=cosine&view=schedules&curves=linear,squaredcos_cap_v2&quantity=logSNR',
  },
  {
    id: 'few-step',
    title: 'Few-step solvers',
    text: 'Six steps each from the same noise on the EDM process. First-order Euler (left) leaves the 25 clusters smeared; DPM-Solver++(2M) (right, Lu et al. 2022) reuses the previous step’s x̂₀ as a second-order correction at no extra cost, and the clusters come out sharp. The NFE in both titles is the same.',
    hash: 'lesson=few-step&view=compare&process=edm&grid=karras&dataset=gaussians25&sampler=euler&sampler2=dpmpp-2m&steps=6&n=2000',
  },
  {
    id: 'langevin',
    title: 'Annealed Langevin dynamics',
    text: 'NCSN (Song & Ermon 2019) samples by a few Langevin steps x ← x + (α/2)∇log p_σ(x) + √α z at each noise level, from large σ down to small. The arrows are the score at the current level: particles climb it while the noise keeps them spread over the data. The schedule chart marks every model evaluation, four per level.',
    hash: 'lesson=langevin&view=reverse&process=ve&dataset=moons&sampler=annealed-langevin&stepsPerLevel=4&steps=30&n=1500',
  },
  {
    id: 'spacing',
    title: 'Timestep spacing',
    text: 'With 10 steps out of 1000 training timesteps, linspace, leading and trailing spacing visit different timesteps: leading never starts at the last one (t = 999), so the first step begins from a signal the model never saw as pure noise. Trailing (Lin et al. 2024) starts at t = 999; the chart shows each spacing’s timesteps.',
    hash: 'lesson=spacing&view=schedules&steps=10&quantity=alphaBar',
  },
  {
    id: 'train-swissroll',
    title: 'Train a swiss roll in one minute',
    text: 'A 64-wide, 3-layer MLP learns the swiss roll in the worker with the ε-prediction loss and pauses after 3000 steps, the same network each time from seed 0 on WASM. Watch the error chart: the error to the exact denoiser falls first at large t, where only the coarse shape matters, and last at small t, where the fine spiral does.',
    hash: 'lesson=train-swissroll&view=train&backend=wasm&dataset=swissroll&tobj=eps&tsched=linear&twidth=64&tdepth=3&temb=sinusoidal&tlr=0.002&tbatch=256&tema=0.995&tseed=0&tstop=3000&tauto=1',
  },
  {
    id: 'discrete-corruption',
    title: 'Uniform vs absorbing corruption',
    text: 'Drag t: under the uniform process a corrupted letter becomes any of the 27 tokens, so a noised name still looks like letters and nothing says which ones are wrong. Q̄_t shows why: each row is ᾱ_t on the diagonal plus 1 − ᾱ_t spread evenly over all 27 columns. Switch the process to absorbing: the lost mass goes to the mask’s column alone, so x_t marks exactly the positions that are lost.',
    hash: 'lesson=discrete-corruption&view=discrete&dset=names&dproc=uniform&dsched=cosine&dt=0.4',
  },
  {
    id: 'reveal-order',
    title: 'Reveal order in masked diffusion',
    text: 'Sixteen steps for 64 pixels: each step of the confidence sampler unmasks four pixels, here in random order, so pixels appear anywhere on the tile. Set the reveal order to confidence and each step commits the pixels the network is surest of: the blank border comes first (on average at step 6 of 16) and the inner pixels, where the strokes are, last (step 11); scrub the step slider to watch it.',
    hash: 'lesson=reveal-order&view=discrete&dset=digits&dsampler=confidence&dparams=order:random&dsteps=16&dcount=32',
  },
];

export const LESSON_IDS: readonly string[] = LESSONS.map((l) => l.id);
