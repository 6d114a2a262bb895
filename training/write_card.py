"""Write the model card public/models/<folder>/README.md from the checkpoint, the evaluation
(.cache/<dataset>-eval.json, from evaluate.py) and the TypeScript parity check (.cache/parity.json,
from `npx tsx training/parity.ts`).

Usage: python3 write_card.py --model fashion|digits|digits-fm --kind unet
       python3 write_card.py --model fashion|digits --kind classifier
"""
import argparse
import json
import os

import torch

import configs
import data
from export_tfjs import ROOT

DATA = {
    'fashion': ('Fashion-MNIST (Xiao, Rasul & Vollgraf 2017, Zalando Research), MIT licence; read from '
                "Debian's dataset-fashion-mnist package (/usr/share/datasets/fashion-mnist). 60,000 training "
                'and 10,000 test images, 28x28 greyscale, scaled to [-1, 1].'),
    'digits': ('Optical Recognition of Handwritten Digits (Alpaydin & Kaynak 1998, UCI Machine Learning '
               'Repository, https://doi.org/10.24432/C50P49), CC BY 4.0; the 1,797-image 8x8 version shipped '
               "as sklearn.datasets.load_digits (Debian's python3-sklearn). Values 0..16 scaled to [-1, 1], "
               'bilinearly upsampled to 16x16; a fixed seeded 80/20 split (1,438 train / 359 test).'),
}
UNET_TOL, CLF_TOL = '1e-4', '1e-4'
# Training runs that shared their GPU with another process (training/gpu_run.sh runs two at once).
SHARED_GPU = {'digits-fm': 'the fashion classifier had just finished and the fashion UNet was training on '
                           'the same GPU'}


def trained_on(ckpt):
    """Where the checkpoint was trained (older checkpoints predate the `hardware` field)."""
    return ckpt.get('hardware', '2 shared CPU cores')


def unet_process_text(model_id, cfg):
    if cfg['objective'] == 'flow':
        return f"""- Parameterisation: rectified-flow velocity (Liu et al. 2023; Lipman et al. 2023 with sigma_min = 0):
  x_tau = (1 - tau) x0 + tau eps, the network predicts v = eps - x0 from (x_tau, 1000 tau) (model.json
  `diffusion`: parameterisation `velocity`, schedule `{{kind: 'flow', T: 1000}}`). In the app's k-diffusion
  coordinates tau = sigma / (1 + sigma) and D = (x - sigma v) / (1 + sigma) (src/core/denoisers/velocity.ts),
  so every sampler and process can use it. Input [B, H, W, 1] NHWC in [-1, 1].
- Classifier-free guidance: labels were replaced by the null class with probability
  {configs.LABEL_DROPOUT} during training; guided v = v(null) + w (v(label) - v(null)) (the denoiser is affine
  in v, so this is the same guidance as on D)."""
    return f"""- Parameterisation: eps-prediction on a discrete VP schedule, linear betas 1e-4 .. 0.02, T = 1000
  (model.json `diffusion`). Input [B, H, W, 1] NHWC in [-1, 1]; t is the integer timestep 0..999.
- Classifier-free guidance: labels were replaced by the null class with probability
  {configs.LABEL_DROPOUT} during training; guided eps = eps(null) + w (eps(label) - eps(null))."""


def unet_card(model_id, ckpt, ev, parity):
    cfg = configs.unet_config(model_id, ckpt['config'])
    ds = cfg['dataset']
    per_class = ', '.join(f'{n} {a:.0%}' for n, a in zip(data.class_names(ds), ev['per_class_accuracy']))
    kind = 'flow-matching UNet (velocity)' if cfg['objective'] == 'flow' else 'diffusion UNet (eps-prediction)'
    budget = ('' if trained_on(ckpt).startswith('2 shared') else
              f' (the step count is what `--budget-s` fitted into the time given; `--steps {cfg["steps"]}` repeats it)')
    return f"""# {model_id} — class-conditional {kind}

## Data
{DATA[ds]}

## Model
- UNet, channels per level {list(cfg['channels'])} (each level one ResBlock; stride-2 3x3 conv down with
  explicit (1,1) padding; nearest-neighbour 2x up; skip concatenation), GroupNorm(8 groups, eps 1e-5), SiLU.
- Conditioning: sinusoidal timestep embedding ([sin, cos], dim {cfg['channels'][0]}) -> Linear-SiLU-Linear
  (dim {cfg['emb_dim']}) plus a learned class embedding (11 rows: classes 0-9 and the null class 10),
  added to each ResBlock's features through a per-block Linear.
- Parameters: {ckpt['params']:,}; weights.bin is float16 through tfjs's `quantization: {{dtype: 'float16'}}`
  field (tf.io.decodeWeights expands it to float32), {ckpt['params'] * 2:,} bytes. Layouts: conv HWIO,
  linear [in, out].
{unet_process_text(model_id, cfg)}

## Training
`python3 training/train_image.py --model {model_id}{'' if trained_on(ckpt).startswith('2 shared') else f' --steps {cfg["steps"]}'}`
(seed {cfg['seed']}): {cfg['steps']:,} AdamW steps{budget}, batch {cfg['batch']}, lr {cfg['lr']} (100-step
warmup, cosine decay), grad-norm clip 1, EMA {cfg['ema']} (the EMA weights are shipped). Wall time
{ckpt['wall_s'] / 60:.1f} min on {trained_on(ckpt)}{f' ({SHARED_GPU[model_id]})' if model_id in SHARED_GPU else ''}.
{'' if trained_on(ckpt).startswith('2 shared') else 'The same command runs on a CPU when no GPU is present (far slower: see training/README.md).' + chr(10)}Final training loss ({'velocity' if cfg['objective'] == 'flow' else 'eps'}-MSE, smoothed): {ckpt['final_loss']:.4f}.

## Quality
{ev['samples']:,} samples ({ev['samples'] // 10} per class), {ev['sampler']}, guidance scale
{ev['guidance']}, from the float16 weights: the shipped `{ds}-classifier` labels
**{ev['sample_accuracy']:.1%}** of them as their class. Per class: {per_class}.
Without clipping (the app's samplers do not clip), the same noise gives samples labelled as their class
**{ev['sample_accuracy_plain']:.1%}** of the time.
`samples.png`: ten clipped samples per class, one row per class. Sampled on {ev['hardware']}
(`python3 training/evaluate.py --model {model_id}`).

## Port check
model.json `testVector` (batch 2, time inputs 10 and 700, labels 3 and null) holds the output of PyTorch in
float64 on the float16-rounded weights; src/models/unet.test.ts runs src/models/unet.ts (tfjs cpu,
float32) and asserts max abs error < {UNET_TOL}; measured {parity:.2e}.
""" + ('' if cfg['objective'] == 'flow' else """
## Test images
`test-images.json`: the first 4 test-split images of each class (40), uint8 rows (value / 127.5 - 1).
""")


def classifier_card(ds, ckpt, ev, parity):
    cfg = ckpt['config']
    c1, c2, c3 = cfg['channels']
    side = cfg['hw'] // 4
    pool_text = ('global average pool' if cfg['pool'] == 'mean' else
                 f'flatten {side}x{side}x{c3} (head rows reordered to NHWC at export)')
    return f"""# {ds}-classifier — clean-image classifier

Used to score the class-conditional samples of the `{ds}` image models.

## Data
{DATA[ds]}

## Model
Input {cfg['hw']}x{cfg['hw']}. conv3x3(1->{c1}) ReLU, conv3x3 stride 2 ({c1}->{c2}, explicit (1,1) padding) ReLU, conv3x3 stride 2
({c2}->{c3}) ReLU, {pool_text}, dropout 0.2 (training only), Linear(->10). Input
[B, H, W, 1] NHWC in [-1, 1]; output logits. Parameters: {ckpt['params']:,}; float16 weights via tfjs's
`quantization` field; layouts conv HWIO, linear [in, out].

## Training
`python3 training/train_classifier.py --model {ds}` (seed {cfg['seed']}): {cfg['epochs']} epochs, batch
{cfg['batch']}, AdamW lr {cfg['lr']} one-cycle, weight decay 1e-4, random 1-pixel shifts.
Wall time {ckpt['wall_s'] / 60:.1f} min on {trained_on(ckpt)}. Final training loss (cross-entropy): {ckpt['final_loss']:.4f}.

## Quality
Test accuracy with the shipped float16 weights: **{ev['classifier_test_accuracy']:.2%}** on
{ev['classifier_test_size']:,} test images.

## Port check
model.json `testVector` (batch 2) holds PyTorch float64 logits on the float16-rounded weights;
src/models/classifier.test.ts asserts max abs error < {CLF_TOL} for src/models/classifier.ts; measured
{parity:.2e}.
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--model', choices=sorted(configs.UNET), required=True)
    parser.add_argument('--kind', choices=['unet', 'classifier'], required=True)
    args = parser.parse_args()
    ckpt = torch.load(os.path.join(configs.CACHE_DIR, f'{args.model}-{args.kind}.pt'), map_location='cpu')
    with open(os.path.join(configs.CACHE_DIR, f'{args.model}-eval.json')) as f:
        ev = json.load(f)
    with open(os.path.join(configs.CACHE_DIR, 'parity.json')) as f:
        parity = json.load(f)
    folder = args.model if args.kind == 'unet' else f'{args.model}-classifier'
    card = (unet_card if args.kind == 'unet' else classifier_card)(args.model, ckpt, ev, parity[folder])
    with open(os.path.join(ROOT, 'public', 'models', folder, 'README.md'), 'w') as f:
        f.write(card)


if __name__ == '__main__':
    main()
