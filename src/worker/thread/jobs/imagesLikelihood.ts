import { meanInterval, spreadIndices, toBytes } from '../../../core/lab/bitsPerDim';
import { unetBitsPerDim } from '../../../models/imageLikelihood';
import {
  MAX_LIKELIHOOD_IMAGES,
  type ImageFrame,
  type ImageLikelihoodJob,
  type ImageLikelihoodResult,
} from '../../protocol/image';
import type { JobContext } from './context';
import { yieldToMessages } from './context';
import { imageBundle } from './imagesModel';
import { checkRange } from './imagesSample';

/**
 * Bits per dimension under an image diffusion model (docs/LIKELIHOOD.md): the chosen test
 * image and `count` images spread over the test set go through the PF-ODE in one batch
 * (progress after each Heun step, stopping between steps once cancelled), then through the
 * DDPM bound. Resolves to the chosen image's values and the means with their 95% intervals;
 * null when cancelled. The tensors are freed either way (models/imageLikelihood.ts).
 */
export async function runImageLikelihood(
  job: ImageLikelihoodJob,
  ctx: JobContext<ImageFrame>,
): Promise<ImageLikelihoodResult | null> {
  const bundle = await imageBundle(job.model, ctx);
  if (!bundle.schedule)
    throw new Error(
      `${job.model} is a flow-matching model; the likelihood needs a diffusion model's VP chain (digits, fashion)`,
    );
  const { test, dim } = bundle;
  checkRange('the test image', job.image, 0, test.count - 1);
  checkRange(
    'the number of test images',
    job.count,
    1,
    Math.min(MAX_LIKELIHOOD_IMAGES, test.count),
  );
  checkRange('the number of Heun steps', job.steps, 1, 1000);
  const indices = [job.image, ...spreadIndices(test.count, job.count)];
  const bytes = new Uint8Array(indices.length * dim);
  indices.forEach((i, k) =>
    bytes.set(toBytes(test.pixels.subarray(i * dim, (i + 1) * dim)), k * dim),
  );
  const t0 = performance.now();
  const run = unetBitsPerDim(bundle.loaded, bytes, {
    schedule: bundle.schedule,
    dim,
    steps: job.steps,
    seed: job.seed,
    elboSamples: job.elboSamples,
    elboTerms: job.elboTerms,
    probes: job.probes,
  });
  for (;;) {
    if (ctx.isCancelled()) {
      run.return(undefined as never);
      return null;
    }
    const next = run.next();
    if (next.done) {
      const r = next.value;
      // Row 0 is the chosen image; the means are over the spread images only.
      return {
        image: { ode: r.ode[0], elbo: r.elbo[0] },
        ode: meanInterval(r.ode.subarray(1)),
        elbo: meanInterval(r.elbo.subarray(1)),
        images: indices.slice(1),
        terms: { lT: r.terms.lT, sum: r.terms.sum, l0: r.terms.l0, evaluated: r.terms.lt.length },
        probes: job.probes,
        nfe: r.odeNfe,
        sigmaMin: r.sigmaMin,
        sigmaMax: r.sigmaMax,
        ms: performance.now() - t0,
      };
    }
    const p = next.value;
    const step = p.phase === 'ode' ? Math.round(p.fraction * job.steps) : job.steps;
    ctx.emit(step, job.steps + 1, { kind: 'bpd-progress', phase: p.phase });
    await yieldToMessages();
  }
}
