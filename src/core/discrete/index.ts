/**
 * Discrete (categorical) diffusion: forward processes and schedules, the D3PM posterior,
 * reverse step and ELBO, MDLM's continuous-time ELBO, the exact empirical denoiser, the
 * samplers and their registry, data readers. Pure float64 TypeScript.
 */
export * from './schedules';
export * from './process';
export * from './posterior';
export * from './elbo';
export * from './mdlm';
export * from './exact';
export * from './sampling';
export * from './stats';
export * from './datasets';
export * from './memorisation';
export * from './run';
export * from './samplers/types';
export * from './samplers/registry';
export * from './samplers/unmask';
export * from './samplers/d3pm-ancestral';
export * from './samplers/mdlm-ancestral';
export * from './samplers/tau-leaping';
export * from './samplers/confidence';
export * from './samplers/semi-ar';
export * from './samplers/remdm';
export * from './data/digits';
export * from './data/names';
export * from './batch';
export * from './datasets';
