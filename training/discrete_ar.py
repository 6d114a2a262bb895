"""Autoregressive baseline for the names: a small causal transformer (discrete_nets.py, the same
blocks as the MDLM denoiser, no time input) trained by next-token cross-entropy on the fixed-length
names (12 tokens, END-padded). Input: BOS (token 27, the mask id) then tokens 0..10; targets: tokens
0..11. Reports the held-out NLL in bits per character (letters plus the end token, the denominator
discrete.py uses for MDLM's ELBO) and exports public/models/ar-names/.

Usage (in training/): OMP_NUM_THREADS=1 python3 discrete_ar.py [--steps N]
"""
import argparse
import json
import math
import os

import torch

import discrete_common as dc
from discrete_nets import Transformer, count_params

CONFIG = dict(steps=2500, batch=128, lr=1e-3, d=128, layers=2, heads=4, dropout=0.1)
BOS = dc.NAME_MASK


def shift(x0):
    return torch.cat([torch.full((len(x0), 1), BOS), x0[:, :-1]], 1)


def nll_nats(model, x0):
    logp = model(shift(x0)).log_softmax(-1)
    return -logp.gather(-1, x0[..., None])[..., 0].sum(1)


def sample(model, n, seed):
    gen = torch.Generator().manual_seed(seed)
    x = torch.full((n, dc.NAME_LENGTH), dc.NAME_END, dtype=torch.long)
    with torch.no_grad():
        for l in range(dc.NAME_LENGTH):
            p = model(shift(x)).softmax(-1)[:, l]
            x[:, l] = torch.multinomial(p, 1, generator=gen)[:, 0]
    return x


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--steps', type=int)
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args()
    cfg = dict(CONFIG)
    if args.steps:
        cfg['steps'] = args.steps
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    train, held = dc.load_names()
    x, hx = dc.encode_names(train), dc.encode_names(held)
    model = Transformer(dc.NAME_MASK + 1, dc.NAME_TOKENS, dc.NAME_LENGTH, cfg['d'], cfg['layers'], cfg['heads'],
                        time=False, causal=True, dropout=cfg['dropout'])
    gen = torch.Generator().manual_seed(args.seed + 1)

    def loss_fn(step):
        x0 = x[torch.randint(len(x), (cfg['batch'],), generator=gen)]
        return nll_nats(model, x0).mean() / dc.NAME_LENGTH

    final, wall = dc.train_loop(model, cfg['steps'], cfg['lr'], loss_fn)
    torch.save({'state_dict': model.state_dict(), 'config': cfg}, os.path.join(dc.CACHE_DIR, 'ar-names.pt'))
    dc.round_to_float16(model).eval()
    with torch.no_grad():
        bits = nll_nats(model, hx).sum().item() / sum(len(n) + 1 for n in held) / math.log(2)
    names = [dc.decode_name(r.tolist()) for r in sample(model, 256, 0)]
    valid = [n for n in names if n is not None]
    train_set = set(train)
    figures = {'heldOutNllBitsPerChar': round(bits, 4),
               'sampling': {'sampler': 'ancestral, temperature 1', 'seed': 0, 'samples': len(names),
                            'valid': len(valid), 'novel': sum(n not in train_set for n in valid),
                            'examples': names[:24]}}
    print(json.dumps(figures, indent=1))
    vx = shift(hx[:3])
    meta = {'name': 'ar-names', 'dataset': 'names',
            'architecture': dc.architecture(model, dc.NAME_LENGTH, dc.NAME_MASK + 1, dc.NAME_TOKENS),
            'autoregressive': {'bos': BOS, 'input': 'BOS then tokens 0..L-2', 'output': 'p(x_l | x_<l)'},
            'diffusion': {'inputShape': [dc.NAME_LENGTH]},
            'training': {'params': count_params(model), 'wall_s': round(wall), 'final_loss': round(final, 5),
                         'config': cfg, 'seed': args.seed, 'hardware': '1 thread of a shared 2-core CPU',
                         'command': 'OMP_NUM_THREADS=1 python3 discrete_ar.py'},
            'figures': figures,
            'testVector': dc.test_vector(model, vx)}
    dc.write_model('ar-names', model, meta)


if __name__ == '__main__':
    main()
