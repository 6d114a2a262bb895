export { wasserstein1D, slicedWasserstein1, type SlicedOptions } from './wasserstein';
export { energyDistance } from './energy';
export { mmd2, type MmdOptions } from './mmd';
export { histogram2d, klDivergence, jensenShannon, gridKL, type Grid2D } from './histogram';
