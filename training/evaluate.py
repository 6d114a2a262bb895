"""Measure sample quality: 50 steps with classifier-free guidance (scale 2) from the float16-rounded UNet
(DDIM for eps models, Euler on the flow ODE for flow models; once with the x0 estimate clipped to the data
range, once plain), scored by the float16-rounded shipped classifier of the model's data set; also the
classifier's own test accuracy.

Usage: python3 evaluate.py --model fashion|digits|digits-fm [--per-class 100]
Writes .cache/<model>-eval.json and public/models/<model>/samples.png (one row per class).
"""
import argparse
import json
import os
import time

import torch

import configs
import data
import devices
import diffusion
import flow
from export_tfjs import ROOT, round_to_float16
from nets import Classifier, UNet
from train_classifier import accuracy

GUIDANCE = 2.0
STEPS = 50


def load(kind, name):
    ckpt = torch.load(os.path.join(configs.CACHE_DIR, f'{name}-{kind}.pt'), map_location='cpu')
    cfg = ckpt['config']
    model = UNet(cfg['channels'], cfg['emb_dim'], configs.CLASSES) if kind == 'unet' \
        else Classifier(cfg['channels'], configs.CLASSES, cfg['pool'], cfg['hw'])
    model.load_state_dict(ckpt['state_dict'])
    return round_to_float16(model).eval()


def save_grid(samples, per_row, path):
    try:
        from PIL import Image
    except ImportError:
        print(f'PIL is missing: {path} not written (rerun with --reuse-samples where PIL is installed)')
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    n, _, h, w = samples.shape
    rows = n // per_row
    grid = ((samples[:rows * per_row] + 1) * 127.5).round().clamp(0, 255).to(torch.uint8)
    grid = grid.view(rows, per_row, h, w).permute(0, 2, 1, 3).reshape(rows * h, per_row * w)
    Image.fromarray(grid.numpy()).resize((per_row * w * 2, rows * h * 2), Image.NEAREST).save(path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--model', choices=sorted(configs.UNET), required=True)
    parser.add_argument('--per-class', type=int, default=100)
    parser.add_argument('--reuse-samples', action='store_true', help='score .cache/<model>-samples.pt again')
    args = parser.parse_args()
    device = devices.pick()
    devices.exact_math()
    cfg = configs.unet_config(args.model, torch.load(os.path.join(configs.CACHE_DIR, f'{args.model}-unet.pt'),
                                                     map_location='cpu')['config'])
    unet = load('unet', args.model).to(device)
    x_te, y_te = data.load(cfg['dataset'], 'test')
    hw = x_te.shape[-1]
    labels = torch.arange(configs.CLASSES).repeat_interleave(args.per_class)
    cached = os.path.join(configs.CACHE_DIR, f'{args.model}-samples.pt')
    start = time.time()
    if args.reuse_samples:
        samples = torch.load(cached)
    else:
        sampler = flow.euler_sample_cfg if cfg['objective'] == 'flow' else diffusion.ddim_sample_cfg
        samples = {}
        for mode, clip in (('clipped', True), ('plain', False)):
            gen = torch.Generator().manual_seed(0)
            samples[mode] = torch.cat([sampler(unet, chunk, (1, hw, hw), STEPS, GUIDANCE, configs.NULL_CLASS, gen,
                                               clip) for chunk in labels.split(250)])
        torch.save(samples, cached)
    seconds = round(time.time() - start)
    clf = load('classifier', cfg['dataset'])
    clf_acc = accuracy(clf, x_te, y_te)
    with torch.no_grad():
        pred = {mode: clf(s).argmax(1) for mode, s in samples.items()}
    per_class = [(pred['clipped'][labels == c] == c).float().mean().item() for c in range(configs.CLASSES)]
    base = (f'Euler on the flow ODE (= DDIM on this path), {STEPS} steps, time-uniform from tau 0.999 to 0.001, '
            'then 0' if cfg['objective'] == 'flow' else
            f'DDIM (eta=0), {STEPS} steps, trailing timesteps')
    result = {'sampler': f'{base}; x0 clipped to [-1, 1] and the noise estimate recomputed from it',
              'sampler_plain': f'{base}; no clipping (as the app samples)', 'guidance': GUIDANCE,
              'samples': len(labels), 'sample_accuracy': (pred['clipped'] == labels).float().mean().item(),
              'sample_accuracy_plain': (pred['plain'] == labels).float().mean().item(),
              'per_class_accuracy': per_class, 'classifier_test_accuracy': clf_acc,
              'classifier_test_size': len(y_te), 'sampling_seconds': seconds,
              'hardware': devices.describe(device)}
    with open(os.path.join(configs.CACHE_DIR, f'{args.model}-eval.json'), 'w') as f:
        json.dump(result, f, indent=1)
    pick = torch.cat([torch.nonzero(labels == c).flatten()[:10] for c in range(configs.CLASSES)])
    save_grid(samples['clipped'][pick], 10, os.path.join(ROOT, 'public', 'models', args.model, 'samples.png'))
    print(json.dumps(result, indent=1))


if __name__ == '__main__':
    main()
