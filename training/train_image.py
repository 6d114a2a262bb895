"""Train a class-conditional UNet with label dropout (null class = 10) for classifier-free guidance:
eps-prediction on the DDPM schedule (objective 'eps') or rectified-flow velocity (objective 'flow').

Usage: python3 train_image.py --model fashion|digits|digits-fm [--steps N] [--budget-s S] [--batch B]
Writes .cache/<model>-unet.pt. Runs on CUDA when available, else on the CPU.
--budget-s: time warm-up steps 50..100 (learning rates up to step 100 do not depend on the total) and train for
as many steps as fit the budget (at most --steps); the checkpoint records the count, and `--steps <that count>`
repeats the run.
"""
import argparse
import copy
import math
import os
import time

import torch

import configs
import data
import devices
import diffusion
import flow
from nets import UNet

WARMUP = 100


def lr_at(step, total, base, warmup=WARMUP):
    if step < warmup:
        return base * (step + 1) / warmup
    return base * 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, total - warmup)))


def noisy_batch(objective, x0, abar, gen_device):
    """(model input, time input, regression target) for one batch."""
    n = x0.shape[0]
    eps = torch.randn_like(x0)
    if objective == 'flow':
        tau = torch.rand(n, device=gen_device)
        return flow.interpolate(x0, tau, eps), flow.TIME_SCALE * tau, eps - x0
    t = torch.randint(0, diffusion.T, (n,), device=gen_device)
    return diffusion.add_noise(x0, t, eps, abar), t, eps


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--model', choices=sorted(configs.UNET), required=True)
    parser.add_argument('--steps', type=int, help='override the configured step count')
    parser.add_argument('--budget-s', type=float, help='choose the step count to fit this many seconds')
    parser.add_argument('--batch', type=int, help='override the configured batch size')
    args = parser.parse_args()
    cfg = configs.unet_config(args.model)
    for key in ('steps', 'batch'):
        if getattr(args, key):
            cfg[key] = getattr(args, key)
    device = devices.pick()
    torch.manual_seed(cfg['seed'])
    x_all, y_all = data.load(cfg['dataset'], 'train')
    x_all, y_all = x_all.to(device), y_all.to(device)
    model = UNet(cfg['channels'], cfg['emb_dim'], configs.CLASSES).to(device)
    ema = copy.deepcopy(model).eval()
    ema_params, params = list(ema.parameters()), list(model.parameters())
    n_params = sum(p.numel() for p in params)
    print(f'{args.model} ({cfg["objective"]}) on {devices.describe(device)}: {len(y_all)} train images, '
          f'{n_params} parameters', flush=True)
    opt = torch.optim.AdamW(params, lr=cfg['lr'], weight_decay=0.0, foreach=True)
    abar = diffusion.alphas_cumprod().to(device)
    start, running, step = time.time(), 0.0, 0
    while step < cfg['steps']:
        idx = torch.randint(0, len(y_all), (cfg['batch'],), device=device)
        x0, y = x_all[idx], y_all[idx].clone()
        y[torch.rand(len(y), device=device) < configs.LABEL_DROPOUT] = configs.NULL_CLASS
        xt, t_in, target = noisy_batch(cfg['objective'], x0, abar, device)
        loss = (model(xt, t_in, y) - target).pow(2).mean()
        for g in opt.param_groups:
            g['lr'] = lr_at(step, cfg['steps'], cfg['lr'])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        with torch.no_grad():
            torch._foreach_mul_(ema_params, cfg['ema'])
            torch._foreach_add_(ema_params, params, alpha=1 - cfg['ema'])
        if step % 50 == 0 or step == cfg['steps'] - 1:
            value = loss.item()  # also waits for the device, so the timings below are real
            running = value if step == 0 else 0.9 * running + 0.1 * value
            if step % 500 == 0 or step == cfg['steps'] - 1:
                print(f'step {step} loss {value:.4f} smoothed {running:.4f} '
                      f'elapsed {time.time() - start:.0f}s', flush=True)
            if step == WARMUP // 2:
                mark = time.time()
            if step == WARMUP and args.budget_s:
                # time steps 50..100 (the first ones include CUDA start-up and cuDNN autotuning); learning
                # rates up to step 100 do not depend on the total, so this equals a run with --steps <total>
                per_step = (time.time() - mark) / (WARMUP - WARMUP // 2)
                left = args.budget_s - (time.time() - start)
                cfg['steps'] = max(WARMUP + 1, min(cfg['steps'], WARMUP + int(left / per_step)))
                print(f'{per_step * 1e3:.1f} ms/step: training for {cfg["steps"]} steps', flush=True)
        step += 1
    wall = time.time() - start
    os.makedirs(configs.CACHE_DIR, exist_ok=True)
    torch.save({'state_dict': {k: v.cpu() for k, v in ema.state_dict().items()}, 'config': cfg,
                'params': n_params, 'final_loss': running, 'wall_s': wall, 'steps': cfg['steps'],
                'hardware': devices.describe(device)},
               os.path.join(configs.CACHE_DIR, f'{args.model}-unet.pt'))
    print(f'done in {wall:.0f}s, {cfg["steps"]} steps, smoothed loss {running:.4f}', flush=True)


if __name__ == '__main__':
    main()
