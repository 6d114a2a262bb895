import type { Chapter } from './courseTypes';

/**
 * Chapters 8–13: guidance, likelihood, discrete data, few-step models, manifolds and latent
 * diffusion.
 */
export const ADVANCED_CHAPTERS: readonly Chapter[] = [
  {
    id: 'guidance',
    title: 'Guidance and conditioning',
    figures: [
      {
        id: 'classifier',
        hash: 'view=reverse&dataset=gaussians8&model=exact&guide=classifier&gclass=3&guidance=4&sampler=ddim&steps=30&n=600&seed=1',
        caption:
          'Classifier guidance to class 3 of the eight Gaussians at scale w = 4, exact model, DDIM in 30 steps.',
      },
      {
        id: 'region',
        hash: 'view=reverse&dataset=gaussians8&model=exact&region=half&rang=0&roff=1.1&sampler=ddim&steps=30&n=600&seed=1',
        caption:
          'The data restricted to the half-plane x ≥ 1.1 (shaded) by the exact restricted denoiser, DDIM in 30 steps.',
      },
    ],
    question: {
      figure: 'classifier',
      prompt:
        'At w = 1 classifier guidance samples class 3 exactly. At w = 4, where will the samples land?',
      choices: [
        'On class 3’s own Gaussian, exactly as at w = 1',
        'All in class 3, but squeezed toward where the classifier is surest, away from its neighbours',
        'Spread over all eight classes: too much guidance overshoots',
      ],
      answer: 1,
      explanation:
        'Guidance at scale w samples p(x)·p(y | x)^w, which is p(x | y) only at w = 1. Above it every sample still belongs to the class, but the extra weight on p(y | x) pulls them to where the class is least ambiguous, away from the neighbouring Gaussians. Measured on this data set (DDIM, 30 steps), the sliced W1 distance to the class’s own Gaussian is 0.013 at w = 1 and 0.185 at w = 4.',
    },
  },
  {
    id: 'likelihood',
    title: 'Likelihood and the ELBO',
    figures: [
      {
        id: 'elbo',
        hash: 'view=discrete&dset=names',
        panel: 'likelihood',
        caption:
          'Bits per character on names: the masked-diffusion network’s bound beside an autoregressive model’s exact NLL, and the exact denoiser’s bound beside its true NLL.',
      },
    ],
    question: {
      figure: 'elbo',
      prompt:
        'The exact denoiser of the training names knows their true probability. Scored on those names, how will its negative ELBO compare with its true NLL?',
      choices: [
        'Clearly above it: a variational bound always leaves a gap',
        'Equal up to the Monte Carlo noise of the estimate',
        'Below it: the ELBO can beat the NLL',
      ],
      answer: 1,
      explanation:
        'The gap between −ELBO and NLL is a KL divergence between the forward chain’s posterior over the noisy path and the model’s reverse chain. For the exact denoiser the reverse process is the true one, so in continuous time the gap is zero and the two numbers differ only by the sampling noise of the τ draws. The network’s bound sits above the autoregressive NLL by its own modelling error plus its bound’s gap.',
    },
  },
  {
    id: 'discrete',
    title: 'Discrete diffusion',
    figures: [
      {
        id: 'names',
        hash: 'view=discrete&dset=names&dmodel=network&dsampler=mdlm-ancestral&dsteps=32&dcount=32',
        caption:
          'Thirty-two names sampled by the MDLM network with masked ancestral sampling in 32 steps; drag the step slider to watch the masks fill.',
      },
      {
        id: 'reveal',
        hash: 'view=discrete&dset=digits&dmodel=network&dsampler=confidence&dparams=order:confidence&dsteps=16&dcount=16',
        caption:
          'Sixteen 8×8 digits, 64 grey-level tokens each, unmasked four pixels a step in the order of the network’s confidence.',
      },
    ],
    question: {
      figure: 'reveal',
      prompt:
        'Each step commits the four masked pixels the network is surest of. Which pixels appear first?',
      choices: [
        'The strokes of the digit: they carry the information',
        'The blank border: it is almost always background',
        'No pattern: confidence is spread evenly over the tile',
      ],
      answer: 1,
      explanation:
        'Confidence is the probability of the top candidate, and the border of an 8×8 digit is background in nearly every training image, so the network is surest there. The strokes, where the digits differ, are left for last, when most of the tile already constrains them. Random order spreads the reveals over the tile instead.',
    },
  },
  {
    id: 'distillation',
    title: 'Distillation and consistency models',
    figures: [
      {
        id: 'teacher',
        hash: 'view=reverse&dataset=moons&model=mlp&process=vp-discrete&sampler=ddim&eta=0&steps=2&n=2000',
        caption: 'The teacher, the moons MLP, sampled by DDIM (η = 0) in two steps.',
      },
      {
        id: 'student',
        hash: 'view=reverse&dataset=moons&model=distill&process=vp-discrete&sampler=ddim&eta=0&steps=2&n=2000',
        caption:
          'Its progressively distilled two-step student, also two steps of DDIM, from the same noise.',
      },
    ],
    question: {
      figure: 'student',
      prompt:
        'The student is the teacher’s own network, trained further to do two teacher steps in one. With the same two model calls, what will it draw?',
      choices: [
        'The same blur as the teacher: two calls are two calls',
        'Sharp moons, about as good as the teacher at 64 steps',
        'Sharp moons, better than the teacher at any number of steps',
      ],
      answer: 1,
      explanation:
        'Each round of progressive distillation halves the steps by teaching the student the teacher’s two-step result. Its model card measures sliced W1 0.038 at two steps, against the teacher’s 0.577 at two steps and 0.032 at 64: the student matches the teacher at 64 steps, not better, since it learnt from the teacher.',
    },
  },
  {
    id: 'manifolds',
    title: 'Diffusion on manifolds',
    figures: [
      {
        id: 'sphere',
        hash: 'view=manifold&manifold=sphere&mdata=vmf&msteps=30&mpart=200&msolver=heun&mmodel=exact',
        caption:
          'A von Mises–Fisher mixture on the sphere: the reverse geodesic random walk (left) and diffusion in ℝ³ projected onto the sphere at the end (right), from the same noise. Drag a globe to turn both.',
      },
    ],
    question: {
      figure: 'sphere',
      prompt:
        'Both runs end on the sphere. Where is the naive run’s state in the middle of its run, before the projection?',
      choices: [
        'On the sphere, like the geodesic walk',
        'Off the sphere: it moves through ℝ³ and is only put back at the end',
        'At the centre of the sphere, where the noise averages out',
      ],
      answer: 1,
      explanation:
        'The naive run is ordinary diffusion in ℝ³: at σ = 4 its state is a cloud of radius several units around the sphere, and only the final normalisation puts it back. Scrub the step slider back: its distance from the sphere starts at several units and shrinks only as σ does, while the geodesic walk moves by the exponential map and stays on the sphere to rounding error at every step.',
    },
  },
  {
    id: 'latent',
    title: 'Latent diffusion',
    figures: [
      {
        id: 'plain',
        hash: 'view=latent&zset=digits2&zmodel=exact&zsampler=heun&zsteps=20&zpart=200&zsigma=20&zclass=-1&zmap=1&seed=1',
        caption:
          'Two hundred particles in the 2D latent of the digits autoencoder, the exact latent denoiser, Heun in 20 steps from σ = 20; beneath them the decoder’s images of a grid of latents, beside them the decoded first 16 particles.',
      },
      {
        id: 'truncated',
        hash: 'view=latent&zset=digits2&zmodel=exact&zsampler=heun&zsteps=20&zpart=200&zsigma=0&zclass=-1&zmap=1&seed=1',
        caption:
          'The same run truncated at σ_s = 0: the start is the VAE’s prior sample noised to σ_s, here not noised at all.',
      },
    ],
    question: {
      figure: 'truncated',
      prompt:
        'In the figure above every sample ended on an encoded training latent. Truncated at σ_s = 0, the run takes no step. What will its 200 samples be?',
      choices: [
        'The same as above: σ = 0 is where the data are',
        'Pure noise: a run that takes no step removes none',
        'The VAE’s own samples: prior draws, decoded, off the training latents and some in the gaps between the classes',
      ],
      answer: 2,
      explanation:
        'At σ_s = 0 the start z_vae + σ_s·ε is the prior draw z_vae ~ N(0, I) itself, and the truncated grid has no step left. In latent space that draw is the VAE’s noise, but the decoder turns it into an image: an ordinary VAE sample. None of the 200 is within 10⁻⁴ of a training latent; the median distance to the nearest is about 0.06, more than the latents’ own median spacing of 0.042, and the farthest is 1.2 away in a gap the encoder maps no training digit to. At σ_s = 20 the exact denoiser ends every particle on a training latent, and from σ_s = 5, 2 or 1 it still does (200 of 200, measured), at a latent that the prior draw picked.',
    },
  },
];
