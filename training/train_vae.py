"""Train a small MLP VAE (vae.py) and score it on the test split.

Usage: python3 train_vae.py --model fashion-vae2|fashion-vae16|digits-vae2 [--budget-s S]
Writes .cache/<model>.pt with the metrics the model card states: per-pixel MSE (pixels in [-1, 1]) of
decode(mu(x)) on the whole test split, and the shipped classifier's agreement on the reconstructions.
--budget-s stops early (between epochs) and records the epochs run; --epochs N repeats such a run.
"""
import argparse
import os
import time

import torch
import torch.nn.functional as F

import configs
import data
import devices
import vae
from vae import VAE, predict, shipped_classifier


@torch.no_grad()
def evaluate(model, x, side, classifier, y, batch=1000):
    model.eval()
    recon = torch.cat([model.decode(model.encode(x[i:i + batch])[0], side) for i in range(0, len(x), batch)])
    mse = ((recon - x) ** 2).mean().item()
    mae = (recon - x).abs().mean().item()
    p_orig, p_rec = predict(classifier, x), predict(classifier, recon)
    return {'test_mse': mse, 'test_mae': mae, 'test_size': len(x),
            'classifier_agreement': (p_orig == p_rec).float().mean().item(),
            'classifier_accuracy_original': (p_orig == y).float().mean().item(),
            'classifier_accuracy_reconstruction': (p_rec == y).float().mean().item()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--model', choices=sorted(vae.VAE_CFG), required=True)
    parser.add_argument('--epochs', type=int)
    parser.add_argument('--budget-s', type=float)
    args = parser.parse_args()
    cfg = dict(vae.VAE_CFG[args.model])
    if args.epochs:
        cfg['epochs'] = args.epochs
    device = devices.pick()
    torch.manual_seed(cfg['seed'])
    x_tr, _ = data.load(cfg['dataset'], 'train')
    x_te, y_te = data.load(cfg['dataset'], 'test')
    side = x_tr.shape[-1]
    x_tr = x_tr.to(device)
    target = ((x_tr.flatten(1) + 1) / 2).clamp(0, 1)
    model = VAE(side * side, cfg['latent'], cfg['hidden']).to(device)
    n_params = sum(p.numel() for p in model.parameters())
    opt = torch.optim.Adam(model.parameters(), lr=cfg['lr'])
    start, epochs_run = time.time(), 0
    for epoch in range(cfg['epochs']):
        model.train()
        perm = torch.randperm(len(x_tr), device=device)
        total = 0.0
        for i in range(0, len(x_tr), cfg['batch']):
            idx = perm[i:i + cfg['batch']]
            mu, logvar = model.encode(x_tr[idx])
            z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
            rec = F.binary_cross_entropy_with_logits(model.decode_logits(z), target[idx], reduction='sum')
            kl = -0.5 * torch.sum(1 + logvar - mu ** 2 - logvar.exp())
            loss = (rec + cfg['beta'] * kl) / len(idx)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        epochs_run = epoch + 1
        train_loss = total / len(x_tr)
        elapsed = time.time() - start
        print(f'epoch {epoch} loss (neg. ELBO, nats/image) {train_loss:.2f} elapsed {elapsed:.0f}s', flush=True)
        if args.budget_s and elapsed * (epoch + 2) / (epoch + 1) > args.budget_s:
            break
    wall = time.time() - start
    cfg['epochs'] = epochs_run
    model.cpu()
    metrics = evaluate(model, x_te, side, shipped_classifier(cfg['dataset']), y_te)
    print(metrics, flush=True)
    os.makedirs(configs.CACHE_DIR, exist_ok=True)
    torch.save({'state_dict': model.state_dict(), 'config': cfg, 'params': n_params, 'final_loss': train_loss,
                'wall_s': wall, 'hardware': devices.describe(device), 'metrics': metrics},
               os.path.join(configs.CACHE_DIR, f'{args.model}.pt'))


if __name__ == '__main__':
    main()
