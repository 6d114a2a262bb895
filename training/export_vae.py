"""Export a trained VAE (train_vae.py) to public/models/<model>/ and its encoded training set to
public/data/<dataset>-latent<d>d.json, and write the model card.

model.json: the tfjs weights manifest (float16, as export_tfjs.py), modelTopology (kind 'autoencoder'),
the training metrics, a PyTorch float64 test vector (two shipped test images -> mu, logvar; two latents ->
decoded pixels) and roundTrip: the per-pixel MSE of decode(mu(x)) over the 40 images of
public/models/<dataset>/test-images.json, which src/models/vae.test.ts recomputes in tfjs.

Usage: python3 export_vae.py --model fashion-vae2 [--latents 2000]
"""
import argparse
import json
import math
import os

import numpy as np
import torch

import configs
import data
from export_tfjs import round_to_float16, write_weights
from train_vae import evaluate
from vae import ROOT, VAE, VAE_CFG, shipped_classifier

CREDIT = {
    'fashion': ('Fashion-MNIST, Xiao, Rasul & Vollgraf (2017), Zalando Research, '
                'https://github.com/zalandoresearch/fashion-mnist', 'MIT'),
    'digits': ('Optical Recognition of Handwritten Digits, Alpaydin & Kaynak (1998), UCI Machine Learning '
               'Repository, https://doi.org/10.24432/C50P49 (the 8x8 copy in sklearn.datasets.load_digits, '
               'upsampled to 16x16 as training/data.py)', 'CC BY 4.0'),
}


def nhwc_flat(x):
    return x.permute(0, 2, 3, 1).flatten().tolist()


def shipped_test_images(dataset):
    with open(os.path.join(ROOT, 'public', 'models', dataset, 'test-images.json')) as f:
        s = json.load(f)
    x = torch.tensor(s['images'], dtype=torch.float64) / 127.5 - 1
    return x.view(-1, 1, s['height'], s['width'])


def picked_training_indices(y, per_class):
    """The first `per_class` training images of each class, in training-set order."""
    keep = torch.zeros(len(y), dtype=torch.bool)
    for c in range(configs.CLASSES):
        keep[torch.nonzero(y == c).flatten()[:per_class]] = True
    return torch.nonzero(keep).flatten()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--model', choices=sorted(VAE_CFG), required=True)
    parser.add_argument('--latents', type=int, default=2000, help='encoded training images to ship')
    args = parser.parse_args()
    ckpt = torch.load(os.path.join(configs.CACHE_DIR, f'{args.model}.pt'), map_location='cpu')
    cfg = ckpt['config']
    dataset, d = cfg['dataset'], cfg['latent']
    hw = 28 if dataset == 'fashion' else 16
    model = VAE(hw * hw, d, cfg['hidden'])
    model.load_state_dict(ckpt['state_dict'])
    round_to_float16(model).eval()
    x_te, y_te = data.load(dataset, 'test')
    metrics = evaluate(model, x_te, hw, shipped_classifier(dataset), y_te)  # as shipped: float16 weights
    print(metrics, flush=True)
    out_dir = os.path.join(ROOT, 'public', 'models', args.model)
    os.makedirs(out_dir, exist_ok=True)

    model.double()
    with torch.no_grad():
        shipped = shipped_test_images(dataset)
        x2 = shipped[:2]
        mu2, logvar2 = model.encode(x2)
        z2 = torch.randn(2, d, generator=torch.Generator().manual_seed(1234), dtype=torch.float64)
        dec2 = model.decode(z2, hw)
        recon = model.decode(model.encode(shipped)[0], hw)
        shipped_mse = ((recon - shipped) ** 2).mean().item()
        x_tr, y_tr = data.load(dataset, 'train')
        per_class = max(1, args.latents // configs.CLASSES)
        idx = picked_training_indices(y_tr, per_class)
        lat = model.encode(x_tr[idx].double())[0]
    model.float()

    meta = {'name': args.model, 'dataset': dataset, 'classNames': data.class_names(dataset),
            'training': {'params': ckpt['params'], 'wall_s': round(ckpt['wall_s']),
                         'final_loss': round(ckpt['final_loss'], 3), 'config': cfg, 'hardware': ckpt['hardware'],
                         'metrics': metrics},
            'modelTopology': {'kind': 'autoencoder', 'architecture': 'mlp-vae', 'latentDim': d,
                              'hidden': list(cfg['hidden']), 'inputShape': [hw, hw, 1], 'dataRange': [-1, 1],
                              'latent': 'posterior mean mu (enc_mu)', 'output': '2 * sigmoid(dec_out) - 1'},
            'testVector': {'x': nhwc_flat(x2), 'shape': [2, hw, hw, 1], 'expectedMu': mu2.flatten().tolist(),
                           'expectedLogVar': logvar2.flatten().tolist(), 'z': z2.flatten().tolist(),
                           'expectedDecoded': nhwc_flat(dec2)},
            'roundTrip': {'images': f'{dataset}/test-images.json', 'count': len(shipped), 'mse': shipped_mse},
            'latentData': f'data/{dataset}-latent{d}d.json'}
    meta['weightsManifest'], nbytes = write_weights(model, out_dir)
    with open(os.path.join(out_dir, 'model.json'), 'w') as f:
        json.dump(meta, f, separators=(',', ':'))

    source, licence = CREDIT[dataset]
    latent_file = {'source': source, 'licence': licence, 'model': args.model, 'dim': d,
                   'split': 'train',
                   'selection': f'the first {per_class} training images of each class (all of a class with fewer) (training/data.py order), encoded to the posterior mean mu in float64 with the '
                   'shipped float16 weights, rounded to 5 decimals',
                   'classNames': data.class_names(dataset), 'count': len(idx),
                   'indices': idx.tolist(), 'labels': y_tr[idx].tolist(),
                   'latents': [round(v, 5) for v in lat.flatten().tolist()]}
    data_dir = os.path.join(ROOT, 'public', 'data')
    with open(os.path.join(data_dir, f'{dataset}-latent{d}d.json'), 'w') as f:
        json.dump(latent_file, f, separators=(',', ':'))

    write_card(out_dir, args.model, meta, nbytes, lat, per_class)
    print(f'wrote {out_dir} (weights.bin {nbytes} bytes) and data/{dataset}-latent{d}d.json; '
          f'shipped-images round-trip MSE {shipped_mse:.5f}')


def write_card(out_dir, name, meta, nbytes, lat, per_class):
    t, m = meta['training'], meta['training']['metrics']
    cfg, topo = t['config'], meta['modelTopology']
    source, licence = CREDIT[meta['dataset']]
    hw = topo['inputShape'][0]
    psnr = 10 * math.log10(4 / m['test_mse'])
    lo, hi = lat.min(0).values.tolist(), lat.max(0).values.tolist()
    card = f"""# {name}: a {topo['latentDim']}-dimensional VAE for {meta['dataset']} ({hw}x{hw})

The autoencoder of latent diffusion (docs/LATENT.md): an MLP VAE whose encoder maps an image in [-1, 1] to
the posterior mean mu in R^{topo['latentDim']} (the latent the app uses) and a log-variance, and whose
decoder maps a latent back to pixels, 2 * sigmoid(logits) - 1.

- Architecture: {hw * hw} -> {' -> '.join(map(str, topo['hidden']))} -> (mu, logvar) in R^{topo['latentDim']};
  decoder {topo['latentDim']} -> {' -> '.join(map(str, reversed(topo['hidden'])))} -> {hw * hw}; ReLU between layers
  (training/vae.py, src/models/vae.ts). {t['params']:,} parameters, weights.bin {nbytes:,} bytes (float16).
- Training: negative ELBO (Bernoulli likelihood on pixels mapped to [0, 1], KL weight beta = {cfg['beta']}),
  Adam lr {cfg['lr']}, batch {cfg['batch']}, {cfg['epochs']} epochs over the training split, seed {cfg['seed']};
  final training loss {t['final_loss']} nats per image; {t['wall_s']} s on {t['hardware']}.

## Evaluation (whole test split, {m['test_size']:,} images, shipped float16 weights)

| measure | value |
| --- | --- |
| reconstruction MSE per pixel, decode(mu(x)) vs x, pixels in [-1, 1] | {m['test_mse']:.5f} |
| mean absolute error per pixel | {m['test_mae']:.5f} |
| PSNR (peak-to-peak 2) | {psnr:.2f} dB |
| bundled classifier ({meta['dataset']}-classifier) agrees on x and its reconstruction | {100 * m['classifier_agreement']:.2f}% |
| classifier accuracy on the originals | {100 * m['classifier_accuracy_original']:.2f}% |
| classifier accuracy on the reconstructions | {100 * m['classifier_accuracy_reconstruction']:.2f}% |
| round-trip MSE on the 40 shipped test images ({meta['roundTrip']['images']}) | {meta['roundTrip']['mse']:.5f} |

The tfjs forward passes (src/models/vae.test.ts) match the PyTorch float64 test vector (mu, logvar, decoded
pixels) to within 1e-5 and recompute the shipped-images round-trip MSE.

## Encoded training set

`public/{meta['latentData']}`: {lat.shape[0]:,} encoded training images (the first
{per_class} of each class, all of a class with fewer), with labels and training-set indices; the exact empirical denoiser
over them is the exact latent-space denoiser (src/core/data/latentData.ts). Latent range per coordinate:
min {', '.join(f'{v:.2f}' for v in lo[:4])}{' ...' if len(lo) > 4 else ''}, max {', '.join(f'{v:.2f}' for v in hi[:4])}{' ...' if len(hi) > 4 else ''}.

## Reproduce

```sh
cd training
OMP_NUM_THREADS=1 TORCH_THREADS=1 python3 train_vae.py --model {name} --epochs {cfg['epochs']}
python3 export_vae.py --model {name} --latents {per_class * 10}
(cd .. && npx tsx scripts/build-manifest.ts)
```

## Data and licence

Trained on {source}; data licence {licence}. The model is MIT, trained for this project.
"""
    with open(os.path.join(out_dir, 'README.md'), 'w') as f:
        f.write(card)


if __name__ == '__main__':
    main()
