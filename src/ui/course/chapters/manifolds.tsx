import type { ChapterProps, Reference } from './tex';
import { D, T } from './tex';

/**
 * Chapter 12: diffusion on S². The equations are core/manifold/heatSphere.ts (the heat kernel),
 * exact.ts (the empirical score) and samplers.ts (the geodesic random walk, the naive baseline).
 */
function Manifolds({ fig }: ChapterProps) {
  return (
    <>
      <p>
        Some data live on a curved space: directions, positions on the Earth, angles of a
        molecule&apos;s bonds. Adding Gaussian noise to a point on the sphere takes it off the
        sphere. Riemannian diffusion models keep everything on the manifold: the forward process is
        Brownian motion on the manifold itself, and the reverse process moves along it.
      </p>
      <p>
        On the sphere <T>{String.raw`S^2`}</T> Brownian motion with generator{' '}
        <T>{String.raw`\tfrac12\Delta`}</T> has a transition density that depends only on the angle{' '}
        <T>{String.raw`\theta`}</T> between start and end, the heat kernel
      </p>
      <D>{String.raw`k_\tau(\theta) = \sum_{l\ge 0} \frac{2l+1}{4\pi}\, e^{-l(l+1)\tau/2}\, P_l(\cos\theta),`}</D>
      <p>
        with <T>{'P_l'}</T> the Legendre polynomials. As <T>{String.raw`\tau`}</T> grows every term
        but <T>{'l = 0'}</T> dies, and the noised data become the uniform law on the sphere, the
        prior the reverse process starts from. For small <T>{String.raw`\tau`}</T> the series needs
        many terms and the code switches to Varadhan&apos;s short-time form instead. For a finite
        data set <T>{String.raw`\{y_i\}`}</T> the score of the noised data is exact, as in the flat
        case:
      </p>
      <D>{String.raw`\nabla\log p_\tau(x) = \sum_i w_i(x)\,\nabla_x\log k_\tau(x, y_i),\qquad w_i \propto k_\tau(x, y_i),`}</D>
      <p>
        a tangent vector at <T>{'x'}</T>. The reverse SDE is then simulated by the geodesic random
        walk of RSGM: step along the score and a tangent Gaussian, and follow the great circle in
        that direction with the exponential map,
      </p>
      <D>{String.raw`x \leftarrow \exp_x\!\big(h\,\nabla\log p_\tau(x) + \sqrt h\, z\big),\qquad z \sim \mathcal N(0, I)\text{ in } T_xS^2.`}</D>
      <p>
        The obvious alternative ignores the geometry: embed the sphere in{' '}
        <T>{String.raw`\mathbb R^3`}</T>, run ordinary diffusion there with the exact denoiser of
        the embedded points, and normalise the result onto the sphere at the end. The figure runs
        both from the same noise on a mixture of von Mises–Fisher distributions, the sphere&apos;s
        analogue of a Gaussian mixture.
      </p>
      {fig('sphere')}
      <p>
        With an exact model both end on the data, since the ambient denoiser also knows the embedded
        points; the difference lies in what happens on the way, which is where a learned model would
        be asked about points it never saw. The full view adds the probability-flow ODE, integrated
        with the exponential map, and Riemannian flow matching along geodesics; the torus, a square
        with opposite edges glued; the world&apos;s cities as data; and trained score and velocity
        networks beside the exact models.
      </p>
    </>
  );
}

export const TEXT: Record<string, (props: ChapterProps) => React.ReactNode> = {
  manifolds: Manifolds,
};

export const REFERENCES: Record<string, readonly Reference[]> = {
  manifolds: [
    {
      text: 'De Bortoli et al. 2022, Riemannian Score-Based Generative Modelling (RSGM, Algorithm 1)',
      url: 'https://arxiv.org/abs/2202.02763',
    },
    {
      text: 'Chen & Lipman 2024, Flow Matching on General Geometries',
      url: 'https://arxiv.org/abs/2302.03660',
    },
    {
      text: 'Huang et al. 2022, Riemannian Diffusion Models',
      url: 'https://arxiv.org/abs/2208.07949',
    },
  ],
};
