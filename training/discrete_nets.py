"""A small pre-LayerNorm transformer over token sequences, mirrored op for op by
src/models/transformer.ts.

  h = tok_emb[x] + pos_emb + cond            cond = time_mlp(sinusoidal(1000 tau)) (+ class_emb[y])
  for each block:  h = h + attn(ln1(h));  h = h + fc2(gelu_tanh(fc1(ln2(h))))
  logits = head(ln_f(h))

Bidirectional for the masked-diffusion denoisers (MDLM, Sahoo et al. 2024), causal for the
autoregressive baseline (no time or class input). LayerNorm eps 1e-5, GELU tanh approximation,
attention softmax(q k^T / sqrt(d_head)) with `heads` heads. Dropout (training only) on each
residual branch's output.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

LN_EPS = 1e-5
TIME_SCALE = 1000.0


def sinusoidal(t, dim):
    """[sin(t f_k), cos(t f_k)], f_k = 10000^(-k/half), as src/models/mlp2d.ts timestepEmbedding."""
    half = dim // 2
    freqs = torch.exp(-math.log(10000) * torch.arange(half, dtype=t.dtype) / half)
    args = t[:, None] * freqs[None, :]
    return torch.cat([torch.sin(args), torch.cos(args)], dim=1)


class Block(nn.Module):
    def __init__(self, d, heads, dropout):
        super().__init__()
        self.heads = heads
        self.drop = nn.Dropout(dropout)
        self.ln1 = nn.LayerNorm(d, eps=LN_EPS)
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d, eps=LN_EPS)
        self.fc1 = nn.Linear(d, 4 * d)
        self.fc2 = nn.Linear(4 * d, d)

    def forward(self, h, causal):
        n, L, d = h.shape
        q, k, v = self.qkv(self.ln1(h)).split(d, dim=2)
        split = lambda t: t.view(n, L, self.heads, d // self.heads).transpose(1, 2)
        q, k, v = split(q), split(k), split(v)
        att = q @ k.transpose(2, 3) / math.sqrt(d // self.heads)
        if causal:
            att = att.masked_fill(torch.ones(L, L, dtype=torch.bool).triu(1), float('-inf'))
        y = (att.softmax(dim=-1) @ v).transpose(1, 2).reshape(n, L, d)
        h = h + self.drop(self.proj(y))
        return h + self.drop(self.fc2(F.gelu(self.fc1(self.ln2(h)), approximate='tanh')))


class Transformer(nn.Module):
    def __init__(self, vocab_in, vocab_out, length, d=128, layers=2, heads=4, time=True,
                 classes=0, causal=False, dropout=0.0):
        super().__init__()
        self.d, self.time, self.classes, self.causal = d, time, classes, causal
        self.tok_emb = nn.Embedding(vocab_in, d)
        self.pos_emb = nn.Parameter(torch.randn(length, d) * 0.02)
        if time:
            self.time_fc1 = nn.Linear(d, d)
            self.time_fc2 = nn.Linear(d, d)
        if classes:
            self.class_emb = nn.Embedding(classes + 1, d)  # index `classes` is the null class
        self.blocks = nn.ModuleList([Block(d, heads, dropout) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(d, eps=LN_EPS)
        self.head = nn.Linear(d, vocab_out)

    def forward(self, x, tau=None, y=None):
        h = self.tok_emb(x) + self.pos_emb[None]
        if self.time:
            emb = sinusoidal(tau * TIME_SCALE, self.d).to(h.dtype)
            h = h + self.time_fc2(F.silu(self.time_fc1(emb)))[:, None]
        if self.classes:
            h = h + self.class_emb(y)[:, None]
        for b in self.blocks:
            h = b(h, self.causal)
        return self.head(self.ln_f(h))


def count_params(model):
    return sum(p.numel() for p in model.parameters())
