"""Measure sample quality: 50-step DDIM with classifier-free guidance (scale 2) from the float16-rounded
UNet, scored by the float16-rounded shipped classifier; also the classifier's own test accuracy.

Usage: python3 evaluate.py --model fashion|digits [--per-class 100]
Writes .cache/<model>-eval.json and public/models/<model>/samples.png (one row per class).
"""
import argparse
import json
import os
import time

import torch
from PIL import Image

import configs
import data
import diffusion
from export_tfjs import ROOT, round_to_float16
from nets import Classifier, UNet
from train_classifier import accuracy

GUIDANCE = 2.0
STEPS = 50


def load(kind, dataset):
    ckpt = torch.load(os.path.join(configs.CACHE_DIR, f'{dataset}-{kind}.pt'))
    cfg = ckpt['config']
    model = UNet(cfg['channels'], cfg['emb_dim'], configs.CLASSES) if kind == 'unet' \
        else Classifier(cfg['channels'], configs.CLASSES, cfg['pool'], cfg['hw'])
    model.load_state_dict(ckpt['state_dict'])
    return round_to_float16(model).eval()


def save_grid(samples, per_row, path):
    n, _, h, w = samples.shape
    rows = n // per_row
    grid = ((samples[:rows * per_row] + 1) * 127.5).round().clamp(0, 255).to(torch.uint8)
    grid = grid.view(rows, per_row, h, w).permute(0, 2, 1, 3).reshape(rows * h, per_row * w)
    Image.fromarray(grid.numpy()).resize((per_row * w * 2, rows * h * 2), Image.NEAREST).save(path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--model', choices=['fashion', 'digits'], required=True)
    parser.add_argument('--per-class', type=int, default=100)
    parser.add_argument('--reuse-samples', action='store_true', help='score .cache/<model>-samples.pt again')
    args = parser.parse_args()
    torch.set_num_threads(2)
    unet = load('unet', args.model)
    x_te, y_te = data.load(args.model, 'test')
    hw = x_te.shape[-1]
    labels = torch.arange(configs.CLASSES).repeat_interleave(args.per_class)
    cached = os.path.join(configs.CACHE_DIR, f'{args.model}-samples.pt')
    start = time.time()
    if args.reuse_samples:
        samples = torch.load(cached)
    else:
        gen = torch.Generator().manual_seed(0)
        samples = torch.cat([diffusion.ddim_sample_cfg(unet, chunk, (1, hw, hw), STEPS, GUIDANCE,
                                                       configs.NULL_CLASS, gen) for chunk in labels.split(250)])
        torch.save(samples, cached)
    seconds = round(time.time() - start)
    clf = load('classifier', args.model)
    clf_acc = accuracy(clf, x_te, y_te)
    with torch.no_grad():
        pred = clf(samples).argmax(1)
    per_class = [(pred[labels == c] == c).float().mean().item() for c in range(configs.CLASSES)]
    result = {'sampler': f'DDIM (eta=0, x0 clipped to [-1, 1]), {STEPS} steps, trailing timesteps', 'guidance': GUIDANCE,
              'samples': len(labels), 'sample_accuracy': (pred == labels).float().mean().item(),
              'per_class_accuracy': per_class, 'classifier_test_accuracy': clf_acc,
              'classifier_test_size': len(y_te), 'sampling_seconds': seconds}
    with open(os.path.join(configs.CACHE_DIR, f'{args.model}-eval.json'), 'w') as f:
        json.dump(result, f, indent=1)
    pick = torch.cat([torch.nonzero(labels == c).flatten()[:10] for c in range(configs.CLASSES)])
    save_grid(samples[pick], 10, os.path.join(ROOT, 'public', 'models', args.model, 'samples.png'))
    print(json.dumps(result, indent=1))


if __name__ == '__main__':
    main()
