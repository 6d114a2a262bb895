"""The 2D eps-prediction MLP and its discrete VP schedule (shared by training and evaluation).

Schedule: DDPM's linear betas (Ho et al. 2020), T = 1000, beta 1e-4 .. 0.02.
Time is continuous in [0, T-1]: between integer timesteps log sigma is interpolated
linearly, exactly as k-diffusion's DiscreteSchedule.t_to_sigma and the app's
src/core/schedules/discreteVP.ts do, so any sigma a sampler asks for is one the network
was trained on.
"""
import math

import torch
from torch import nn

T = 1000
BETA_START = 1e-4
BETA_END = 0.02
TIME_DIM = 32
TEMB_DIM = 64
HIDDEN = 128
LAYERS = 3


def log_sigmas() -> torch.Tensor:
    """log sigma_t = 0.5 log((1 - abar_t) / abar_t) at t = 0..T-1 (float64)."""
    betas = torch.linspace(BETA_START, BETA_END, T, dtype=torch.float64)
    abar = torch.cumprod(1 - betas, 0)
    return 0.5 * torch.log((1 - abar) / abar)


def sigma_of_t(t: torch.Tensor, ls: torch.Tensor) -> torch.Tensor:
    """Piecewise log-linear interpolation of sigma at continuous t in [0, T-1]."""
    t = t.clamp(0, T - 1)
    i = t.floor().long().clamp(max=T - 2)
    w = t - i
    return torch.exp((1 - w) * ls[i] + w * ls[i + 1])


def t_of_sigma(sigma: torch.Tensor, ls: torch.Tensor) -> torch.Tensor:
    """Inverse of sigma_of_t (k-diffusion's DiscreteSchedule.sigma_to_t)."""
    lsig = sigma.log().clamp(ls[0], ls[-1])
    i = (torch.searchsorted(ls, lsig.contiguous(), right=True) - 1).clamp(0, T - 2)
    w = (lsig - ls[i]) / (ls[i + 1] - ls[i])
    return i + w


def timestep_embedding(t: torch.Tensor, dim: int = TIME_DIM) -> torch.Tensor:
    """DDPM sinusoidal embedding: [sin(t f_k), cos(t f_k)], f_k = 10000^(-k/half)."""
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=t.dtype, device=t.device) / half)
    args = t[:, None] * freqs[None, :]
    return torch.cat([torch.sin(args), torch.cos(args)], dim=1)


class MLP2D(nn.Module):
    """eps_theta(x_t, t): a time MLP, then LAYERS hidden layers
    h <- SiLU(W h + V temb + b) (the time signal enters every layer), then a linear head.
    in_dim / out_dim: 2 for the 2D toys; the manifold models (manifold_model.py) read embedded
    coordinates (3 on S^2, 4 on T^2) and write tangent vectors (3 on S^2, 2 on T^2); the latent
    denoisers (train_latent.py) read and write latents (2 or 16).
    classes > 0: class-conditional for classifier-free guidance (Ho & Salimans 2022): a learned
    embedding row per class plus a last "null" row (index classes) is added to the time MLP's
    output before its SiLU, temb = SiLU(time_embed(emb(t)) + class_embed[y])."""

    def __init__(self, in_dim: int = 2, out_dim: int = 2, classes: int = 0, hidden: int = HIDDEN):
        super().__init__()
        self.classes = classes
        self.time_embed = nn.Linear(TIME_DIM, TEMB_DIM)
        self.class_embed = nn.Embedding(classes + 1, TEMB_DIM) if classes else None
        self.inp = nn.Linear(in_dim, hidden)
        self.hidden = nn.ModuleList([nn.Linear(hidden, hidden) for _ in range(LAYERS - 1)])
        self.time_proj = nn.ModuleList(
            [nn.Linear(TEMB_DIM, hidden, bias=False) for _ in range(LAYERS)]
        )
        self.out = nn.Linear(hidden, out_dim)
        nn.init.zeros_(self.out.weight)
        nn.init.zeros_(self.out.bias)

    def forward(self, x: torch.Tensor, t: torch.Tensor, y: torch.Tensor | None = None) -> torch.Tensor:
        temb = self.time_embed(timestep_embedding(t))
        if self.class_embed is not None:
            temb = temb + self.class_embed(y)
        temb = nn.functional.silu(temb)
        h = nn.functional.silu(self.inp(x) + self.time_proj[0](temb))
        for layer, proj in zip(self.hidden, self.time_proj[1:]):
            h = nn.functional.silu(layer(h) + proj(temb))
        return self.out(h)
