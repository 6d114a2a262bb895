/**
 * Noise schedules of the categorical forward processes, on T integer steps t = 1..T.
 * β_t is the probability that step t resamples a token (from the uniform or into the mask
 * state); ᾱ_t = Π_{s≤t}(1 − β_s) is the probability that a token is untouched after t steps.
 * Every schedule also has a continuous ᾱ(u), u ∈ [0, T] real, equal to ᾱ_t at integers: the
 * closed-form processes (uniform, absorbing) use it between grid points, and MDLM's
 * continuous-time ELBO and τ-leaping need its derivative.
 */
export interface DiscreteSchedule {
  name: 'mutual-information' | 'cosine' | 'linear' | 'log-linear';
  T: number;
  /** β_t at index t (index 0 is 0). */
  betas: Float64Array;
  /** ᾱ_t at index t (ᾱ_0 = 1). */
  alphaBars: Float64Array;
  alphaBar(u: number): number;
  /** dᾱ/du. */
  dAlphaBar(u: number): number;
}

function checkT(T: number, who: string): void {
  if (!Number.isInteger(T) || T < 1) throw new Error(`${who}: T must be an integer ≥ 1, got ${T}`);
}

function checkU(u: number, T: number, who: string): void {
  if (!(u >= 0 && u <= T)) throw new Error(`${who}: time ${u} outside [0, ${T}]`);
}

/** A schedule given by a continuous ᾱ(u): β_t = 1 − ᾱ_t/ᾱ_{t−1} (0/0 read as β = 1). */
function fromAlphaBar(
  name: DiscreteSchedule['name'],
  T: number,
  alphaBar: (u: number) => number,
  dAlphaBar: (u: number) => number,
): DiscreteSchedule {
  const alphaBars = new Float64Array(T + 1);
  const betas = new Float64Array(T + 1);
  alphaBars[0] = 1;
  for (let t = 1; t <= T; t++) {
    alphaBars[t] = alphaBar(t);
    betas[t] = alphaBars[t - 1] > 0 ? 1 - alphaBars[t] / alphaBars[t - 1] : 1;
  }
  const check = (u: number) => checkU(u, T, name);
  return {
    name,
    T,
    betas,
    alphaBars,
    alphaBar: (u) => (check(u), alphaBar(u)),
    dAlphaBar: (u) => (check(u), dAlphaBar(u)),
  };
}

/**
 * D3PM's mutual-information schedule for the absorbing process (Austin et al. 2021, §4 /
 * App. A.2.2): β_t = (T − t + 1)^{-1}, so ᾱ_t = Π_{s≤t} (T − s)/(T − s + 1) = 1 − t/T:
 * the information about x₀ falls linearly, and x_T is all mask.
 */
export function mutualInformationSchedule(T: number): DiscreteSchedule {
  checkT(T, 'mutual-information');
  return fromAlphaBar(
    'mutual-information',
    T,
    (u) => 1 - u / T,
    () => -1 / T,
  );
}

/**
 * The cosine schedule (Nichol & Dhariwal 2021, eq. 17; used for multinomial diffusion by
 * Hoogeboom et al. 2021, §4): ᾱ(u) = f(u)/f(0), f(u) = cos²((u/T + s)/(1 + s)·π/2).
 * β is not clipped: β_T = 1 is harmless for a categorical chain (x_T is then exactly the
 * stationary distribution).
 */
export function cosineSchedule(T: number, s = 0.008): DiscreteSchedule {
  checkT(T, 'cosine');
  const c = Math.PI / 2 / (1 + s);
  const f0 = Math.cos(s * c) ** 2;
  return fromAlphaBar(
    'cosine',
    T,
    (u) => Math.max(0, Math.cos((u / T + s) * c) ** 2 / f0),
    (u) => (-2 * Math.cos((u / T + s) * c) * Math.sin((u / T + s) * c) * c) / T / f0,
  );
}

/**
 * MDLM's log-linear schedule (Sahoo et al. 2024, §3.5 / App.): α(τ) = 1 − (1 − ε)τ in
 * continuous time τ = u/T ∈ [0, 1] (σ(τ) = −log(1 − (1 − ε)τ)); ε = 0 gives α_T = 0 and the
 * same ᾱ_t as the mutual-information schedule.
 */
export function logLinearSchedule(T: number, eps = 0): DiscreteSchedule {
  checkT(T, 'log-linear');
  if (!(eps >= 0 && eps < 1)) throw new Error(`log-linear: eps must be in [0, 1), got ${eps}`);
  return fromAlphaBar(
    'log-linear',
    T,
    (u) => 1 - ((1 - eps) * u) / T,
    () => -(1 - eps) / T,
  );
}

/**
 * Linearly spaced β_t from betaStart to betaEnd; the defaults are DDPM's 1e-4 … 0.02 scaled
 * by 1000/T (Ho et al. 2020, §4; the scaling of Nichol & Dhariwal 2021's code). Between
 * integers log ᾱ is linear (a constant hazard −log(1 − β_t) on step t).
 */
export function linearSchedule(
  T: number,
  betaStart = (1e-4 * 1000) / T,
  betaEnd = (0.02 * 1000) / T,
): DiscreteSchedule {
  checkT(T, 'linear');
  if (!(betaStart >= 0 && betaEnd <= 1 && betaStart <= 1 && betaEnd >= 0)) {
    throw new Error(`linear: betas must lie in [0, 1], got ${betaStart} … ${betaEnd}`);
  }
  const betas = new Float64Array(T + 1);
  const alphaBars = new Float64Array(T + 1);
  alphaBars[0] = 1;
  for (let t = 1; t <= T; t++) {
    betas[t] = T === 1 ? betaEnd : betaStart + ((betaEnd - betaStart) * (t - 1)) / (T - 1);
    alphaBars[t] = alphaBars[t - 1] * (1 - betas[t]);
  }
  const alphaBar = (u: number) => {
    checkU(u, T, 'linear');
    const t = Math.min(Math.floor(u), T - 1);
    return alphaBars[t] * (1 - betas[t + 1]) ** (u - t);
  };
  const dAlphaBar = (u: number) => {
    const t = Math.min(Math.floor(u), T - 1);
    return alphaBar(u) * Math.log(1 - betas[t + 1]);
  };
  return { name: 'linear', T, betas, alphaBars, alphaBar, dAlphaBar };
}

export type ScheduleName = DiscreteSchedule['name'];

export function makeSchedule(name: ScheduleName, T: number): DiscreteSchedule {
  switch (name) {
    case 'mutual-information':
      return mutualInformationSchedule(T);
    case 'cosine':
      return cosineSchedule(T);
    case 'linear':
      return linearSchedule(T);
    case 'log-linear':
      return logLinearSchedule(T);
  }
}
