"""The model card (README.md) of a class-conditional latent denoiser written by train_latent.py."""
import os

from export_vae import CREDIT


def write_card(out_dir: str, model_id: str, meta: dict, nbytes: int) -> None:
    arch, tr, ev = meta["architecture"], meta["training"], meta["evaluation"]
    dataset = meta["diffusion"]["dataset"].split("-")[0]
    source, licence = CREDIT[dataset]
    dim = arch["inputDim"]
    rows = "\n".join(
        f"| {w} | {100 * a:.1f}% |" for w, a in ev["classAgreementByGuidance"].items()
    )
    card = f"""# {model_id}: a class-conditional denoiser in the {dim}-dimensional latent space of {meta['autoencoder']}

Latent diffusion (docs/LATENT.md): an ε-prediction MLP over the posterior means mu of the autoencoder
`{meta['autoencoder']}`; samples are decoded to images by that autoencoder's decoder.

- Architecture: the MLP of training/mlp2d_model.py (src/models/mlp2d.ts) with input and output width {dim},
  {arch['layers']} SiLU layers of {arch['hidden']}, sinusoidal time embedding ({arch['timeDim']} -> {arch['tembDim']}),
  and a learned class embedding ({arch['classes']} classes + a null class, index {arch['classes']}) added to the
  time MLP's output. {tr['parameters']:,} parameters, weights.bin {nbytes:,} bytes (float32).
- Diffusion: DDPM linear betas 1e-4 .. 0.02, T = 1000, continuous t; ε-prediction.
- Training: all {tr['latents']:,} training images of the split encoded once with the shipped float16 VAE weights;
  DDPM's simple loss, labels replaced by the null class with probability {tr['labelDropout']} (classifier-free
  guidance, Ho & Salimans 2022); AdamW lr {tr['lr']} (cosine to 0), batch {tr['batch']}, {tr['steps']:,} steps,
  EMA {tr['ema']}, seed {tr['seed']}; final loss {tr['finalLoss']}; {tr['wallSeconds']} s on {tr['hardware']}.

## Evaluation

{ev['perClass']} samples per class, {ev['sampler']}, decoded by `{meta['autoencoder']}`; the share the bundled
classifier ({ev['classifier']}) assigns to the requested class. Guidance w: D = D_uncond + w·(D_cond − D_uncond),
w = 0 unconditional (the share is then chance, about 10%), w = 1 the conditional model.

| guidance w | classifier agrees with the requested class |
| --- | --- |
{rows}

The tfjs forward pass (src/models/mlp2d.ts, src/models/latentDenoiser.test.ts) reproduces the PyTorch float32
test vector in model.json (12 inputs over the whole time range and every label) to within 1e-5.

## Reproduce

```sh
{tr['command']}
npx tsx scripts/build-manifest.ts
```

## Data and licence

Trained on the latents of {source}; data licence {licence}. The model is MIT, trained for this project.
"""
    with open(os.path.join(out_dir, "README.md"), "w") as f:
        f.write(card)
