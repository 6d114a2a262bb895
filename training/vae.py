"""Autoencoders for latent diffusion (docs/LATENT.md): small MLP VAEs on Fashion-MNIST / digits.

Kept to ops that map one-to-one onto tfjs-core (src/models/vae.ts): Linear, ReLU, sigmoid.
Encoder: flatten (row-major H, W) -> Linear+ReLU per hidden width -> (mu, logvar), both Linear.
Decoder: z -> Linear+ReLU per hidden width (reversed) -> Linear -> 2 * sigmoid - 1 (pixels in [-1, 1]).
The latent the app uses is the posterior mean mu (deterministic encoding).

Also: the bundled clean-image classifier rebuilt in PyTorch from the shipped tfjs files, so the
autoencoders are scored by exactly the classifier the app ships.
"""
import json
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from nets import Classifier

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')

VAE_CFG = {
    'fashion-vae2': {'dataset': 'fashion', 'latent': 2, 'hidden': (256, 128), 'epochs': 30, 'batch': 256,
                     'lr': 1e-3, 'beta': 1.0, 'seed': 3},
    'fashion-vae16': {'dataset': 'fashion', 'latent': 16, 'hidden': (256, 128), 'epochs': 30, 'batch': 256,
                      'lr': 1e-3, 'beta': 1.0, 'seed': 3},
    'digits-vae2': {'dataset': 'digits', 'latent': 2, 'hidden': (128, 64), 'epochs': 300, 'batch': 128,
                    'lr': 1e-3, 'beta': 1.0, 'seed': 3},
}


class VAE(nn.Module):
    def __init__(self, pixels, latent, hidden):
        super().__init__()
        h1, h2 = hidden
        self.enc1 = nn.Linear(pixels, h1)
        self.enc2 = nn.Linear(h1, h2)
        self.enc_mu = nn.Linear(h2, latent)
        self.enc_logvar = nn.Linear(h2, latent)
        self.dec1 = nn.Linear(latent, h2)
        self.dec2 = nn.Linear(h2, h1)
        self.dec_out = nn.Linear(h1, pixels)

    def encode(self, x):
        h = F.relu(self.enc2(F.relu(self.enc1(x.flatten(1)))))
        return self.enc_mu(h), self.enc_logvar(h)

    def decode_logits(self, z):
        return self.dec_out(F.relu(self.dec2(F.relu(self.dec1(z)))))

    def decode(self, z, side):
        """Pixels in [-1, 1], shape [B, 1, side, side]."""
        return (2 * torch.sigmoid(self.decode_logits(z)) - 1).view(-1, 1, side, side)


def shipped_classifier(dataset):
    """The clean-image classifier from public/models/<dataset>-classifier, weights as shipped (float16)."""
    folder = os.path.join(ROOT, 'public', 'models', f'{dataset}-classifier')
    with open(os.path.join(folder, 'model.json')) as f:
        meta = json.load(f)
    topo = meta['modelTopology']
    hw = topo['inputShape'][0]
    model = Classifier(topo['channels'], 10, topo['pool'], hw)
    raw = np.fromfile(os.path.join(folder, 'weights.bin'), dtype='<f2')
    state, offset = {}, 0
    for e in meta['weightsManifest'][0]['weights']:
        n = int(np.prod(e['shape']))
        t = torch.from_numpy(raw[offset:offset + n].astype(np.float32)).view(e['shape'])
        offset += n
        if t.ndim == 4:
            t = t.permute(3, 2, 0, 1)
        elif t.ndim == 2:
            t = t.t()
        state[e['name']] = t.contiguous()
    if topo['pool'] == 'flatten':  # the exporter reordered the head's inputs to NHWC; undo it
        w = state['head.weight']
        c = topo['channels'][2]
        side = hw // 4
        state['head.weight'] = w.view(w.shape[0], side, side, c).permute(0, 3, 1, 2).reshape(w.shape[0], -1)
    model.load_state_dict(state)
    return model.eval()


@torch.no_grad()
def predict(classifier, x, batch=1000):
    return torch.cat([classifier(x[i:i + batch]).argmax(1) for i in range(0, len(x), batch)])
