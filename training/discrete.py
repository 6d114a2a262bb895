"""Masked (absorbing-state) diffusion with MDLM's continuous-time loss (Sahoo et al. 2024, eq. 10/11;
D3PM's absorbing process, Austin et al. 2021) and the log-linear schedule alpha(tau) = 1 - tau:

  loss = E_tau E_{x_t ~ q(.|x_0)} [ 1/tau * sum_{l : x_t,l = mask} -log p(x_0,l | x_t, tau) ] / L

with the SUBS parameterisation (the network never predicts the mask; unmasked tokens are carried
over). Trains a small bidirectional transformer (discrete_nets.py) on names or on the 8x8 digits
(17 grey levels, class-conditional with label dropout for classifier-free guidance), measures it and
exports it to public/models/mdlm-<data>/. Run in training/ with OMP_NUM_THREADS=1 (one CPU thread).

Usage: python3 discrete.py --data names|digits [--steps N]
"""
import argparse
import json
import math
import os

import torch

import discrete_common as dc
from discrete_nets import Transformer, count_params

CONFIGS = {
    'names': dict(steps=4000, batch=128, lr=1e-3, d=128, layers=2, heads=4, dropout=0.1),
    'digits': dict(steps=1500, batch=64, lr=2e-3, d=64, layers=2, heads=4, dropout=0.1, label_drop=0.1),
}


def setup(data):
    if data == 'names':
        train, held = dc.load_names()
        return dict(x=dc.encode_names(train), held=dc.encode_names(held), y=None, held_y=None,
                    mask=dc.NAME_MASK, vocab_out=dc.NAME_TOKENS, length=dc.NAME_LENGTH, classes=0,
                    train_names=set(train), held_names=set(held),
                    chars=sum(len(n) + 1 for n in held))
    (x, y), (hx, hy) = dc.load_digits()
    return dict(x=x, held=hx, y=y, held_y=hy, mask=dc.DIGIT_MASK, vocab_out=dc.DIGIT_LEVELS,
                length=dc.DIGIT_PIXELS, classes=dc.DIGIT_CLASSES, chars=hx.numel())


def corrupt(x0, tau, mask, gen):
    """Absorbing forward process: each token masked with probability 1 - alpha(tau) = tau."""
    return torch.where(torch.rand(x0.shape, generator=gen) < tau[:, None], mask, x0)


def mdlm_nll(model, x0, tau, xt, y, mask):
    """Per sequence: 1/tau * sum over masked positions of -log p(x_0 | x_t) (nats)."""
    logp = model(xt, tau, y).log_softmax(-1)
    nll = -logp.gather(-1, x0[..., None])[..., 0] * (xt == mask)
    return nll.sum(1) / tau


def elbo_bits(model, s, samples, seed, labels):
    """MDLM's negative ELBO on the held-out set, tau stratified over (0, 1]: bits per character
    (names: letters plus the end token) or per pixel (digits)."""
    gen = torch.Generator().manual_seed(seed)
    x0, total = s['held'], 0.0
    with torch.no_grad():
        for j in range(samples):
            tau = (j + 1 - torch.rand(len(x0), generator=gen)) / samples
            xt = corrupt(x0, tau, s['mask'], gen)
            total += mdlm_nll(model, x0, tau, xt, labels, s['mask']).sum().item() / samples
    return total / s['chars'] / math.log(2)


def sample(model, s, n, steps, seed, y=None, guidance=0.0):
    """MDLM ancestral sampling (eq. 7), mirroring src/core/discrete/samplers/mdlm-ancestral.ts on the
    uniform tau grid 1, (steps-1)/steps, ..., 0: a masked token is revealed with probability
    (tau_t - tau_s)/tau_t, its value drawn from p(x_0 | x_t). With classifier-free guidance w, the
    logits are (1 + w) log p(x_0 | x_t, y) - w log p(x_0 | x_t)."""
    gen = torch.Generator().manual_seed(seed)
    x = torch.full((n, s['length']), s['mask'], dtype=torch.long)
    null = None if y is None else torch.full_like(y, s['classes'])
    with torch.no_grad():
        for i in range(steps, 0, -1):
            t, u = i / steps, (i - 1) / steps
            tau = torch.full((n,), t)
            logits = model(x, tau, y).log_softmax(-1)
            if y is not None and guidance:
                logits = (1 + guidance) * logits - guidance * model(x, tau, null).log_softmax(-1)
            draw = torch.multinomial(logits.softmax(-1).view(-1, s['vocab_out']), 1,
                                     generator=gen).view(x.shape)
            reveal = (torch.rand(x.shape, generator=gen) < (t - u) / t) & (x == s['mask'])
            x = torch.where(reveal, draw, x)
    return x


def name_figures(model, s, samples):
    names = [dc.decode_name(r.tolist()) for r in samples]
    valid = [n for n in names if n is not None]
    novel = [n for n in valid if n not in s['train_names']]
    return {'samples': len(names), 'valid': len(valid), 'novel': len(novel),
            'inHeldOut': sum(n in s['held_names'] for n in novel), 'examples': names[:24]}


def write_png(path, x, cols):
    from PIL import Image
    os.makedirs(os.path.dirname(path), exist_ok=True)
    n = len(x)
    rows = (n + cols - 1) // cols
    img = Image.new('L', (cols * 9 + 1, rows * 9 + 1), 255)
    for k in range(n):
        tile = Image.frombytes('L', (8, 8), bytes((255 - v * 255 // 16) for v in x[k].tolist()))
        img.paste(tile, ((k % cols) * 9 + 1, (k // cols) * 9 + 1))
    img.resize((img.width * 4, img.height * 4), Image.NEAREST).save(path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--data', choices=sorted(CONFIGS), required=True)
    parser.add_argument('--steps', type=int)
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args()
    cfg = dict(CONFIGS[args.data])
    if args.steps:
        cfg['steps'] = args.steps
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    s = setup(args.data)
    model = Transformer(s['mask'] + 1, s['vocab_out'], s['length'], cfg['d'], cfg['layers'], cfg['heads'],
                        time=True, classes=s['classes'], dropout=cfg['dropout'])
    gen = torch.Generator().manual_seed(args.seed + 1)
    n = len(s['x'])

    def loss_fn(step):
        idx = torch.randint(n, (cfg['batch'],), generator=gen)
        x0 = s['x'][idx]
        tau = ((torch.arange(cfg['batch']) + torch.rand(cfg['batch'], generator=gen)) / cfg['batch'])
        tau = tau[torch.randperm(cfg['batch'], generator=gen)].clamp(min=1e-3)
        y = None
        if s['classes']:
            y = s['y'][idx]
            y = torch.where(torch.rand(len(y), generator=gen) < cfg['label_drop'], s['classes'], y)
        xt = corrupt(x0, tau, s['mask'], gen)
        return mdlm_nll(model, x0, tau, xt, y, s['mask']).mean() / s['length']

    final, wall = dc.train_loop(model, cfg['steps'], cfg['lr'], loss_fn)
    model_id = f'mdlm-{args.data}'
    torch.save({'state_dict': model.state_dict(), 'config': cfg}, os.path.join(dc.CACHE_DIR, f'{model_id}.pt'))
    dc.round_to_float16(model).eval()
    figures = {}
    if args.data == 'names':
        figures['heldOutElboBitsPerChar'] = round(elbo_bits(model, s, 64, 7, None), 4)
        figures['sampling'] = {'sampler': 'mdlm-ancestral (training/discrete.py sample())', 'steps': 32,
                               'seed': 0, **name_figures(model, s, sample(model, s, 256, 32, 0))}
    else:
        null = torch.full_like(s['held_y'], s['classes'])
        figures['heldOutElboBitsPerPixel'] = {
            'conditional': round(elbo_bits(model, s, 16, 7, s['held_y']), 4),
            'unconditional': round(elbo_bits(model, s, 16, 7, null), 4)}
        y = torch.arange(10).repeat_interleave(10)
        write_png(os.path.join(dc.ROOT, 'public', 'models', model_id, 'samples.png'),
                  sample(model, s, 100, 64, 0, y, guidance=1.0), 10)
        figures['samplesPng'] = 'samples.png: 10 per class (rows 0..9), mdlm-ancestral, 64 steps, CFG w = 1'
    print(json.dumps(figures, indent=1))
    gen_v = torch.Generator().manual_seed(1234)
    x0 = s['held'][:3]
    tau = torch.tensor([0.1, 0.5, 0.9])
    xt = corrupt(x0, tau, s['mask'], gen_v)
    yv = None if not s['classes'] else torch.tensor([3, 7, s['classes']])
    meta = {'name': model_id, 'dataset': 'names' if args.data == 'names' else 'digits8x8',
            'architecture': dc.architecture(model, s['length'], s['mask'] + 1, s['vocab_out']),
            'diffusion': {'parameterisation': 'x0', 'inputShape': [s['length']]},
            'discrete': {'process': 'absorbing', 'mask': s['mask'], 'schedule': 'log-linear',
                         'alpha': '1 - tau', 'timeInput': 'tau in (0, 1]', 'loss': 'MDLM continuous-time',
                         **({'nullClass': s['classes'], 'labelDropout': cfg['label_drop']}
                            if s['classes'] else {})},
            'training': {'params': count_params(model), 'wall_s': round(wall), 'final_loss': round(final, 5),
                         'config': cfg, 'seed': args.seed, 'hardware': '1 thread of a shared 2-core CPU',
                         'command': f'OMP_NUM_THREADS=1 python3 discrete.py --data {args.data}'},
            'figures': figures,
            'testVector': dc.test_vector(model, xt, tau, yv)}
    if s['classes']:
        meta['classNames'] = [str(c) for c in range(10)]
    dc.write_model(model_id, model, meta)


if __name__ == '__main__':
    main()
