"""Train and export a noise-conditional classifier p(y | x_t, t) for classifier guidance
(Dhariwal & Nichol 2021, "Diffusion Models Beat GANs on Image Synthesis", Sec. 4).

The classifier sees the image models' own noised inputs: x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) eps on
their discrete VP schedule (diffusion.py: linear betas 1e-4..0.02, T = 1000) at the timestep t, drawn
uniformly from 0..999. It is an MLP with a time embedding (the UNets' sinusoidal one), so that its input
gradient needs only matrix products in tfjs on every backend, and it trains in minutes on one CPU thread.

Usage (inside training/): python3 train_noisy_classifier.py --model digits|fashion
Writes public/models/<model>-noisy-classifier/{model.json, weights.bin} (the card README.md is written by hand).
"""
import argparse
import json
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

import configs
import data
import diffusion
import devices
from export_tfjs import ROOT, round_to_float16, write_weights
from nets import timestep_embedding

CONFIGS = {
    'digits': {'hidden': (256, 256), 'time_dim': 64, 'emb_dim': 128, 'steps': 6000, 'batch': 128, 'lr': 2e-3,
               'seed': 3},
    'fashion': {'hidden': (512, 256), 'time_dim': 64, 'emb_dim': 128, 'steps': 3000, 'batch': 256, 'lr': 2e-3,
                'seed': 3},
}
# Timesteps at which the card reports test accuracy.
REPORT_T = [0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 999]


class NoisyClassifier(nn.Module):
    """logits = head(h2); h1 = SiLU(fc1(x) + emb1(e)), h2 = SiLU(fc2(h1) + emb2(e)),
    e = SiLU(time(sinusoidal(t))). x: [B, 1, H, W] flattened row-major (tfjs's NHWC with C = 1)."""

    def __init__(self, pixels, hidden, time_dim, emb_dim, classes=10):
        super().__init__()
        self.time_dim = time_dim
        self.time = nn.Linear(time_dim, emb_dim)
        self.fc1 = nn.Linear(pixels, hidden[0])
        self.emb1 = nn.Linear(emb_dim, hidden[0])
        self.fc2 = nn.Linear(hidden[0], hidden[1])
        self.emb2 = nn.Linear(emb_dim, hidden[1])
        self.head = nn.Linear(hidden[1], classes)

    def forward(self, x, t):
        e = F.silu(self.time(timestep_embedding(t, self.time_dim).to(x.dtype)))
        h = F.silu(self.fc1(x.flatten(1)) + self.emb1(e))
        h = F.silu(self.fc2(h) + self.emb2(e))
        return self.head(h)


def noised(x0, t, abar, generator=None):
    eps = torch.randn(x0.shape, generator=generator)
    return diffusion.add_noise(x0, t, eps, abar)


@torch.no_grad()
def accuracy_by_t(model, x, y, abar):
    """Test accuracy at each REPORT_T, one seeded noise draw per image."""
    model.eval()
    g = torch.Generator().manual_seed(7)
    out = {}
    for t in REPORT_T:
        tt = torch.full((len(y),), t, dtype=torch.long)
        correct = sum((model(noised(x[i:i + 2000], tt[i:i + 2000], abar, g), tt[i:i + 2000]).argmax(1)
                       == y[i:i + 2000]).sum().item() for i in range(0, len(y), 2000))
        out[t] = correct / len(y)
    model.train()
    return out


def test_vector(model, hw, abar):
    """Batch of 2 noised test inputs at t = 10 and 700: float64 logits and the input gradient of
    log_softmax(logits)[label] for labels 3 and 7 (PyTorch autograd), on the float16-rounded weights."""
    g = torch.Generator().manual_seed(1234)
    t = torch.tensor([10, 700])
    x = noised(torch.rand(2, 1, hw, hw, generator=g) * 2 - 1, t, abar, g).double().requires_grad_(True)
    labels = torch.tensor([3, 7])
    net = model.double().eval()
    logits = net(x, t)
    picked = F.log_softmax(logits, dim=1)[torch.arange(2), labels].sum()
    (grad,) = torch.autograd.grad(picked, x)
    model.float()
    return {'x': x.detach().flatten().tolist(), 'shape': [2, hw, hw, 1], 't': t.tolist(),
            'labels': labels.tolist(), 'expectedLogits': logits.detach().flatten().tolist(),
            'expectedGrad': grad.flatten().tolist()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--model', choices=sorted(CONFIGS), required=True)
    parser.add_argument('--steps', type=int, help='override the configured step count')
    args = parser.parse_args()
    cfg = dict(CONFIGS[args.model])
    if args.steps:
        cfg['steps'] = args.steps
    torch.manual_seed(cfg['seed'])
    device = devices.pick()
    x_tr, y_tr = data.load(args.model, 'train')
    x_te, y_te = data.load(args.model, 'test')
    hw = x_tr.shape[-1]
    abar = diffusion.alphas_cumprod()
    model = NoisyClassifier(hw * hw, cfg['hidden'], cfg['time_dim'], cfg['emb_dim'], configs.CLASSES)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg['lr'], weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, cfg['lr'], total_steps=cfg['steps'])
    start, smoothed = time.time(), None
    for step in range(cfg['steps']):
        idx = torch.randint(0, len(y_tr), (cfg['batch'],))
        x0 = x_tr[idx]
        dx, dy = torch.randint(-1, 2, (2,)).tolist()  # random shifts of up to one pixel
        x0 = torch.roll(x0, shifts=(dy, dx), dims=(2, 3))
        t = torch.randint(0, diffusion.T, (cfg['batch'],))
        loss = F.cross_entropy(model(noised(x0, t, abar), t), y_tr[idx])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        sched.step()
        smoothed = loss.item() if smoothed is None else 0.99 * smoothed + 0.01 * loss.item()
        if step % 500 == 0 or step == cfg['steps'] - 1:
            print(f'step {step} loss {smoothed:.4f} elapsed {time.time() - start:.0f}s', flush=True)
    wall = time.time() - start
    round_to_float16(model).eval()
    acc = accuracy_by_t(model, x_te, y_te, abar)
    print('test accuracy by t:', acc, flush=True)
    folder = f'{args.model}-noisy-classifier'
    out_dir = os.path.join(ROOT, 'public', 'models', folder)
    os.makedirs(out_dir, exist_ok=True)
    n_params = sum(p.numel() for p in model.parameters())
    meta = {'name': folder, 'dataset': args.model, 'classNames': data.class_names(args.model),
            'training': {'params': n_params, 'wall_s': round(wall), 'final_loss': round(smoothed, 5),
                         'config': cfg, 'hardware': devices.describe(device), 'test_size': len(y_te),
                         'test_accuracy_by_t': {str(k): v for k, v in acc.items()}},
            'modelTopology': {'kind': 'noisy-classifier', 'hidden': list(cfg['hidden']),
                              'timeDim': cfg['time_dim'], 'embDim': cfg['emb_dim'],
                              'timeEmbedding': 'sinusoidal [sin, cos]', 'inputShape': [hw, hw, 1],
                              'dataRange': [-1, 1]},
            'diffusion': {'schedule': diffusion.schedule_meta(), 'inputShape': [hw, hw, 1],
                          'classes': configs.CLASSES},
            'testVector': test_vector(model, hw, abar)}
    meta['weightsManifest'], nbytes = write_weights(model, out_dir)
    with open(os.path.join(out_dir, 'model.json'), 'w') as f:
        json.dump(meta, f, separators=(',', ':'))
    print(f'wrote {out_dir}: weights.bin {nbytes} bytes, {n_params} parameters, {wall:.0f}s')


if __name__ == '__main__':
    main()
