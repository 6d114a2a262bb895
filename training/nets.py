"""The networks, kept to ops that map one-to-one onto tfjs-core (see src/models/unet.ts, classifier.ts).

UNet: conv3x3 -> [ResBlock per level, stride-2 conv down] -> mid ResBlock -> [nearest up, concat skip,
ResBlock] -> GroupNorm, SiLU, conv3x3. The timestep's sinusoidal embedding goes through a 2-layer MLP;
a learned class embedding (index `classes` is the null class used for classifier-free guidance) is added.
Every ResBlock adds Linear(SiLU(emb)) to its features after the first conv.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

GROUPS = 8


def timestep_embedding(t, dim):
    """[sin(t * f_i), cos(t * f_i)] with f_i = 10000^(-i / (dim/2)), i = 0..dim/2-1."""
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32, device=t.device) / half)
    args = t.float()[:, None] * freqs[None, :]
    return torch.cat([torch.sin(args), torch.cos(args)], dim=1)


class Down(nn.Module):
    """Stride-2 3x3 conv with explicit (1,1) zero padding on both spatial axes."""

    def __init__(self, ch):
        super().__init__()
        self.conv = nn.Conv2d(ch, ch, 3, stride=2, padding=0)

    def forward(self, x):
        return self.conv(F.pad(x, (1, 1, 1, 1)))


class ResBlock(nn.Module):
    def __init__(self, cin, cout, emb_dim):
        super().__init__()
        self.norm1 = nn.GroupNorm(GROUPS, cin)
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.emb = nn.Linear(emb_dim, cout)
        self.norm2 = nn.GroupNorm(GROUPS, cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else None

    def forward(self, x, emb):
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.emb(F.silu(emb))[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        return h + (self.skip(x) if self.skip is not None else x)


class UNet(nn.Module):
    """Channels per resolution level, e.g. (32, 64, 64): levels 0..L-1, L-1 downsamples."""

    def __init__(self, channels=(32, 64, 64), emb_dim=128, classes=10):
        super().__init__()
        self.channels = tuple(channels)
        self.emb_dim = emb_dim
        self.classes = classes
        c0 = channels[0]
        self.time_mlp1 = nn.Linear(c0, emb_dim)
        self.time_mlp2 = nn.Linear(emb_dim, emb_dim)
        self.class_emb = nn.Embedding(classes + 1, emb_dim)
        self.conv_in = nn.Conv2d(1, c0, 3, padding=1)
        self.down_blocks = nn.ModuleList()
        self.downs = nn.ModuleList()
        cin = c0
        for i, c in enumerate(channels):
            self.down_blocks.append(ResBlock(cin, c, emb_dim))
            cin = c
            if i < len(channels) - 1:
                self.downs.append(Down(c))
        self.mid = ResBlock(cin, cin, emb_dim)
        self.up_blocks = nn.ModuleList()
        for i in reversed(range(len(channels))):
            self.up_blocks.append(ResBlock(cin + channels[i], channels[i], emb_dim))
            cin = channels[i]
        self.norm_out = nn.GroupNorm(GROUPS, cin)
        self.conv_out = nn.Conv2d(cin, 1, 3, padding=1)

    def forward(self, x, t, y):
        emb = timestep_embedding(t, self.channels[0]).to(self.time_mlp1.weight.dtype)
        emb = self.time_mlp2(F.silu(self.time_mlp1(emb))) + self.class_emb(y)
        h = self.conv_in(x)
        skips = []
        for i, block in enumerate(self.down_blocks):
            h = block(h, emb)
            skips.append(h)
            if i < len(self.downs):
                h = self.downs[i](h)
        h = self.mid(h, emb)
        for j, block in enumerate(self.up_blocks):
            if j > 0:
                h = F.interpolate(h, scale_factor=2, mode='nearest')
            h = block(torch.cat([h, skips.pop()], dim=1), emb)
        return self.conv_out(F.silu(self.norm_out(h)))


class Classifier(nn.Module):
    """Clean-image classifier: three 3x3 conv stages (two stride-2, explicit padding), ReLU, then
    pool = 'mean' (global average pool) or 'flatten' (all H/4 x W/4 x C features), linear head."""

    def __init__(self, channels=(32, 64, 128), classes=10, pool='mean', hw=16):
        super().__init__()
        c1, c2, c3 = channels
        self.pool = pool
        self.conv1 = nn.Conv2d(1, c1, 3, padding=1)
        self.conv2 = nn.Conv2d(c1, c2, 3, stride=2, padding=0)
        self.conv3 = nn.Conv2d(c2, c3, 3, stride=2, padding=0)
        self.dropout = nn.Dropout(0.2)
        self.head = nn.Linear(c3 if pool == 'mean' else c3 * (hw // 4) ** 2, classes)

    def forward(self, x):
        h = F.relu(self.conv1(x))
        h = F.relu(self.conv2(F.pad(h, (1, 1, 1, 1))))
        h = F.relu(self.conv3(F.pad(h, (1, 1, 1, 1))))
        h = h.mean(dim=(2, 3)) if self.pool == 'mean' else h.flatten(1)
        return self.head(self.dropout(h))
