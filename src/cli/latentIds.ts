/** `--model <dataset>-latent<d>d`: the exact latent denoiser over public/data/<same>.json, decoded by
 * the autoencoder public/models/<dataset>-vae<d> (docs/LATENT.md). */
export const LATENT_MODEL = /^([a-z]+)-latent(\d+)d$/;

/** `--model mlp-<dataset>-latent<d>d`: a trained latent denoiser (training/train_latent.py) over the
 * latents of <dataset>-vae<d>. */
export const TRAINED_LATENT_MODEL = /^mlp-([a-z]+)-latent(\d+)d$/;
