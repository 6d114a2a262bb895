"""Train a class-conditional eps-prediction UNet with label dropout (null class = 10) for CFG.

Usage: python3 train_image.py --model fashion|digits   (writes .cache/<model>-unet.pt)
"""
import argparse
import copy
import math
import os
import time

import torch

import configs
import data
import diffusion
from nets import UNet


def lr_at(step, total, base, warmup=100):
    if step < warmup:
        return base * (step + 1) / warmup
    return base * 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, total - warmup)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--model', choices=sorted(configs.UNET), required=True)
    args = parser.parse_args()
    cfg = configs.UNET[args.model]
    torch.set_num_threads(2)
    torch.manual_seed(cfg['seed'])
    x_all, y_all = data.load(args.model, 'train')
    model = UNet(cfg['channels'], cfg['emb_dim'], configs.CLASSES)
    ema = copy.deepcopy(model).eval()
    n_params = sum(p.numel() for p in model.parameters())
    print(f'{args.model}: {len(y_all)} train images, {n_params} parameters', flush=True)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg['lr'], weight_decay=0.0)
    abar = diffusion.alphas_cumprod()
    start, running = time.time(), 0.0
    for step in range(cfg['steps']):
        idx = torch.randint(0, len(y_all), (cfg['batch'],))
        x0, y = x_all[idx], y_all[idx].clone()
        y[torch.rand(len(y)) < configs.LABEL_DROPOUT] = configs.NULL_CLASS
        t = torch.randint(0, diffusion.T, (len(y),))
        eps = torch.randn_like(x0)
        loss = (model(diffusion.add_noise(x0, t, eps, abar), t, y) - eps).pow(2).mean()
        for g in opt.param_groups:
            g['lr'] = lr_at(step, cfg['steps'], cfg['lr'])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        with torch.no_grad():
            for pe, pm in zip(ema.parameters(), model.parameters()):
                pe.lerp_(pm, 1 - cfg['ema'])
        running = loss.item() if step == 0 else 0.98 * running + 0.02 * loss.item()
        if step % 50 == 0 or step == cfg['steps'] - 1:
            print(f'step {step} loss {loss.item():.4f} smoothed {running:.4f} '
                  f'elapsed {time.time() - start:.0f}s', flush=True)
    wall = time.time() - start
    os.makedirs(configs.CACHE_DIR, exist_ok=True)
    torch.save({'state_dict': ema.state_dict(), 'config': cfg, 'params': n_params,
                'final_loss': running, 'wall_s': wall, 'steps': cfg['steps']},
               os.path.join(configs.CACHE_DIR, f'{args.model}-unet.pt'))
    print(f'done in {wall:.0f}s, smoothed loss {running:.4f}', flush=True)


if __name__ == '__main__':
    main()
