import type { Chapter } from './courseTypes';

/** Chapters 1–7: from the generative model to flow matching. */
export const BASIC_CHAPTERS: readonly Chapter[] = [
  {
    id: 'generative',
    title: 'What a generative model does',
    figures: [
      {
        id: 'sample',
        hash: 'view=reverse&dataset=swissroll&process=vp-discrete&sampler=euler&steps=40&n=2000',
        caption:
          'Two thousand particles drawn from a standard Gaussian, carried by the exact denoiser of the swiss roll in 40 deterministic steps.',
      },
    ],
    question: {
      figure: 'sample',
      prompt:
        'The exact model here is the ideal denoiser of a fixed set of 2000 swiss-roll points. Where will the particles end up?',
      choices: [
        'Spread smoothly along the spiral, filling the gaps between the points',
        'On the 2000 training points themselves',
        'Still a Gaussian blob, only a little narrower',
      ],
      answer: 1,
      explanation:
        'The ideal denoiser of a finite point set is a softmax-weighted average of those points, and as σ → 0 the weights collapse onto the nearest one: the perfect model of the training set can only reproduce it. Networks generalise because they are not this perfect.',
    },
  },
  {
    id: 'forward',
    title: 'Forward noising and the schedule',
    figures: [
      {
        id: 'noise',
        hash: 'view=forward&dataset=swissroll&process=vp-discrete&schedule=linear&t=0.5&n=2000',
        caption:
          'Data points noised to the time t of the discrete VP chain (linear β), over the exact density of the noised data. Drag t.',
      },
      {
        id: 'cosine',
        hash: 'view=forward&dataset=swissroll&process=vp-discrete&schedule=squaredcos_cap_v2&t=0.5&n=2000',
        caption: 'The same points and noise at the same t on the cosine schedule.',
      },
    ],
    question: {
      figure: 'cosine',
      prompt:
        'Halfway through the chain (t = 0.5) the linear schedule has nearly erased the spiral. What does the cosine schedule show at the same t?',
      choices: [
        'The same: both end at pure noise, so they agree everywhere',
        'More of the spiral survives: ᾱ falls more slowly early on',
        'Less: the cosine schedule destroys the signal faster',
      ],
      answer: 1,
      explanation:
        'At t = 0.5 the linear schedule has ᾱ ≈ 0.08 and the cosine schedule ᾱ ≈ 0.49: the cosine schedule spreads the destruction of information evenly over the chain, so its last steps are not wasted on pure noise.',
    },
  },
  {
    id: 'ddpm',
    title: 'DDPM: learning to reverse the chain',
    figures: [
      {
        id: 'ddpm-ddim',
        hash: 'view=compare&dataset=moons&process=vp-discrete&sampler=ddpm&sampler2=ddim&eta2=0&steps=50&n=1500',
        caption:
          'DDPM’s ancestral sampler (left) and DDIM with η = 0 (right) from the same x_T on the same 50 timesteps; five particles’ whole paths are drawn.',
      },
    ],
    question: {
      figure: 'ddpm-ddim',
      prompt:
        'Both samplers use the same denoiser at the same 50 timesteps. How will the five highlighted paths differ?',
      choices: [
        'They are identical: same model, same grid',
        'DDPM’s paths jitter and end elsewhere; DDIM’s are smooth',
        'DDIM’s paths jitter; DDPM’s are smooth',
      ],
      answer: 1,
      explanation:
        'DDPM draws fresh Gaussian noise at every step (its posterior variance β̃_t), so each path is a random walk that drifts toward the data; DDIM with η = 0 adds none and follows a deterministic path. Both end on the moons, but not at the same points.',
    },
  },
  {
    id: 'score',
    title: 'Scores, denoising score matching and Langevin dynamics',
    figures: [
      {
        id: 'langevin',
        hash: 'view=reverse&dataset=moons&process=ve&sampler=annealed-langevin&stepsPerLevel=4&steps=30&n=1500',
        caption:
          'Annealed Langevin dynamics (NCSN): four Langevin steps at each of 30 noise levels of the VE process. Arrows show the score at the current level.',
      },
    ],
    question: {
      figure: 'langevin',
      prompt:
        'Early on, σ is large (up to 50). Which way do the score arrows point while σ is still large?',
      choices: [
        'Toward the data’s overall centre: at large σ the noised density is one broad blob',
        'Toward the nearest moon, sharply',
        'Randomly: the score is pure noise at large σ',
      ],
      answer: 0,
      explanation:
        'At large σ the noised density is close to a Gaussian centred on the data’s mean, so its score points straight at the centre. Only as σ shrinks do the arrows bend toward each moon: annealing moves particles coarse-to-fine.',
    },
  },
  {
    id: 'sde-ode',
    title: 'SDEs and the probability-flow ODE',
    figures: [
      {
        id: 'ode-sde',
        hash: 'view=compare&dataset=gaussians8&process=vp&sampler=euler&sampler2=euler-maruyama&steps=100&n=1500',
        caption:
          'The VP SDE sampled by Euler on its probability-flow ODE (left) and by Euler–Maruyama on the reverse SDE (right), from identical x_T.',
      },
    ],
    question: {
      figure: 'ode-sde',
      prompt:
        'The ODE and the SDE have the same marginals p_t at every t. Will the five highlighted particles land in the same modes in both panels?',
      choices: [
        'Yes: same marginals means same endpoints',
        'Not necessarily: only the distributions agree, not the paths',
        'No particle of the SDE reaches a mode at all',
      ],
      answer: 1,
      explanation:
        'Equal marginals say nothing about where one particle goes. The ODE is a deterministic map from x_T to x_0; the SDE’s injected noise lets a particle switch modes. Both panels still fill the eight Gaussians with the same proportions.',
    },
  },
  {
    id: 'solvers',
    title: 'Fast solvers and why order matters',
    figures: [
      {
        id: 'few-step',
        hash: 'view=compare&dataset=gaussians25&process=edm&grid=karras&sampler=euler&sampler2=dpmpp-2m&steps=6&n=2000',
        caption:
          'Six steps each on the EDM process (Karras σ grid): Euler (left) and DPM-Solver++(2M) (right), the same NFE.',
      },
    ],
    question: {
      figure: 'few-step',
      prompt:
        'Both samplers evaluate the model six times. Which will resolve the 25 clusters more sharply?',
      choices: [
        'Euler: first order is the most stable',
        'DPM-Solver++(2M): it reuses the previous x̂₀ for a second-order step',
        'Neither: six evaluations are too few for any solver',
      ],
      answer: 1,
      explanation:
        'Euler’s error per unit σ shrinks like h; DPM-Solver++(2M) integrates the linear part exactly and corrects x̂₀ with the previous step’s, an error like h², at no extra model call. At six steps that is the difference between smeared and sharp clusters.',
    },
  },
  {
    id: 'flow',
    title: 'Flow matching',
    figures: [
      {
        id: 'flow-paths',
        hash: 'view=compare&dataset=checkerboard&process=flow&sampler=euler&sampler2=heun&steps=8&n=2000',
        caption:
          'The rectified-flow ODE of the exact model in 8 steps: Euler (left) and Heun (right), with five particles’ whole paths drawn.',
      },
    ],
    question: {
      figure: 'flow-paths',
      prompt:
        'The flow-matching interpolant x_t = (1 − t)x₀ + tε moves each pair along a straight line. Are the sampled paths straight?',
      choices: [
        'Exactly straight, since the training pairs move on lines',
        'Curved: the velocity averages over every pair that passes through a point',
        'Zig-zag, because Euler overshoots',
      ],
      answer: 1,
      explanation:
        'The learned velocity is E[ε − x₀ | x_t], an average over all pairs that could have produced x_t, so the marginal flow curves even though each conditional path is straight. Straighter flows (reflow, minibatch OT couplings) are what make few-step sampling accurate.',
    },
  },
];
