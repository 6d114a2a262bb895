"""Train the small clean-image classifier used to score generated samples.

Usage: python3 train_classifier.py --model fashion|digits   (writes .cache/<model>-classifier.pt)
"""
import argparse
import os
import time

import torch
import torch.nn.functional as F

import configs
import data
import devices
from nets import Classifier


@torch.no_grad()
def accuracy(model, x, y, batch=1000):
    model.eval()
    device = next(model.parameters()).device
    correct = sum((model(x[i:i + batch].to(device)).argmax(1).cpu() == y[i:i + batch].cpu()).sum().item()
                  for i in range(0, len(y), batch))
    return correct / len(y)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--model', choices=sorted(configs.CLASSIFIER), required=True)
    parser.add_argument('--max-batches', type=int, help='batches per epoch (quick smoke tests only)')
    parser.add_argument('--epochs', type=int, help='override the configured epoch count')
    args = parser.parse_args()
    cfg = dict(configs.CLASSIFIER[args.model])
    if args.epochs:
        cfg['epochs'] = args.epochs
    device = devices.pick()
    torch.manual_seed(cfg['seed'])
    x_tr, y_tr = (t.to(device) for t in data.load(args.model, 'train'))
    x_te, y_te = data.load(args.model, 'test')
    model = Classifier(cfg['channels'], configs.CLASSES, cfg['pool'], cfg['hw']).to(device)
    n_params = sum(p.numel() for p in model.parameters())
    steps_per_epoch = (len(y_tr) + cfg['batch'] - 1) // cfg['batch']
    opt = torch.optim.AdamW(model.parameters(), lr=cfg['lr'], weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, cfg['lr'], total_steps=cfg['epochs'] * steps_per_epoch)
    start = time.time()
    for epoch in range(cfg['epochs']):
        model.train()
        perm = torch.randperm(len(y_tr)).to(device)
        total = 0.0
        for i in range(0, len(y_tr), cfg['batch']):
            if args.max_batches and i >= args.max_batches * cfg['batch']:
                break
            idx = perm[i:i + cfg['batch']]
            x = x_tr[idx]
            # light augmentation: random shifts of up to one pixel
            dx, dy = torch.randint(-1, 2, (2,)).tolist()
            x = torch.roll(x, shifts=(dy, dx), dims=(2, 3))
            loss = F.cross_entropy(model(x), y_tr[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            total += loss.detach() * len(idx)
        train_loss = total.item() / len(y_tr)
        print(f'epoch {epoch} loss {train_loss:.4f} test acc {accuracy(model, x_te, y_te):.4f} '
              f'elapsed {time.time() - start:.0f}s', flush=True)
    wall = time.time() - start
    os.makedirs(configs.CACHE_DIR, exist_ok=True)
    model.cpu()
    acc = accuracy(model, x_te, y_te)
    torch.save({'state_dict': model.state_dict(), 'config': cfg, 'params': n_params,
                'final_loss': train_loss, 'test_accuracy': acc, 'test_size': len(y_te), 'wall_s': wall,
                'hardware': devices.describe(device)},
               os.path.join(configs.CACHE_DIR, f'{args.model}-classifier.pt'))
    print(f'done in {wall:.0f}s, test accuracy {acc:.4f}', flush=True)


if __name__ == '__main__':
    main()
