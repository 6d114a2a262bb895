"""Oracles for distill_math.py and distill_train.py on Gaussian data N(mu, s^2 I) in 2D, where everything
is closed form: the denoiser D(x, sigma) = mu + s^2/(s^2 + sigma^2) (x - mu), the PF-ODE map from sigma to 0
x0 = mu + s / sqrt(s^2 + sigma^2) (x - mu), and a DDIM step's affine map (s^2 + sigma sigma')/(s^2 + sigma^2).
The students are affine per noise level (A_k x + b_k, A_k 2x2), a family that holds the exact answers.

  OMP_NUM_THREADS=1 /usr/bin/python3 -m pytest training/test_distill.py
"""
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from distill_math import consistency_coefficients, ddim_step, heun_step, karras_grid, pd_target, teacher_two_steps  # noqa: E402
from distill_train import (  # noqa: E402
    ConsistencyModel,
    consistency_distillation,
    consistency_sample,
    ddim_sample,
    progressive_distillation,
)

MU = torch.tensor([0.7, -0.3], dtype=torch.float64)
S = 0.5


def exact_denoiser(x, sigma):
    return MU + (S**2 / (S**2 + sigma**2))[:, None] * (x - MU)


def exact_ode_map(x, sigma):
    """The PF-ODE solution at sigma = 0 from x at sigma."""
    return MU + (S / math.sqrt(S**2 + sigma**2)) * (x - MU)


def draw_x0(n):
    return MU + S * torch.randn(n, 2, dtype=torch.float64)


class AffinePerLevel(torch.nn.Module):
    """x -> A_k x + b_k at the k-th of the given noise levels (rows' sigma must be one of them)."""

    def __init__(self, levels):
        super().__init__()
        self.levels = levels
        self.A = torch.nn.Parameter(torch.zeros(len(levels), 2, 2, dtype=torch.float64))
        self.b = torch.nn.Parameter(torch.zeros(len(levels), 2, dtype=torch.float64))

    def forward(self, x, sigma):
        k = torch.argmin((sigma[:, None] - self.levels[None, :]).abs(), dim=1)
        return torch.einsum("nij,nj->ni", self.A[k], x) + self.b[k]


def test_pd_target_makes_one_step_match_two():
    x = torch.randn(5, 2, dtype=torch.float64) * 3
    s, s_mid, s_next = (torch.full((5,), v, dtype=torch.float64) for v in (3.0, 1.2, 0.4))
    two = teacher_two_steps(exact_denoiser, x, s, s_mid, s_next)
    assert torch.allclose(ddim_step(x, pd_target(x, s, two, s_next), s, s_next), two, atol=1e-12)


def test_consistency_boundary_condition():
    sig = torch.tensor([0.01, 0.5, 80.0], dtype=torch.float64)
    c_skip, c_out = consistency_coefficients(sig, 0.01, 0.5)
    assert c_skip[0].item() == 1 and c_out[0].item() == 0
    assert c_skip[2].item() < 1e-4 and abs(c_out[2].item() - 0.5) < 1e-3


def test_progressive_one_step_student_matches_the_closed_form_map():
    """64-step DDIM grid (geometric sigma from 20 to 0.02, then 0), six rounds to one step. The one-step
    student must equal the teacher's 64-step DDIM map (the product of the per-step factors) to 1e-3
    (max over 2,000 points, relative to s); that map's factor is within 3 % of the exact PF-ODE map's
    (DDIM's error on this grid: 2.8 %)."""
    torch.manual_seed(0)
    grid = torch.cat([torch.logspace(math.log10(20), math.log10(0.02), 64, dtype=torch.float64), torch.zeros(1, dtype=torch.float64)])
    student = AffinePerLevel(grid[:-1])
    students = progressive_distillation(student, exact_denoiser, grid, draw_x0, rounds=6, steps=1500, batch=512, lr=0.05)
    assert sorted(students) == [1, 2, 4, 8, 16, 32]
    x_T = MU + 20 * torch.randn(2000, 2, dtype=torch.float64)
    got = students[1](x_T, torch.full((2000,), 20.0, dtype=torch.float64)).detach()
    ddim = ddim_sample(exact_denoiser, x_T, grid)
    factor = math.prod((S**2 + a * b) / (S**2 + a * a) for a, b in zip(grid[:-1].tolist(), grid[1:].tolist()))
    assert torch.allclose(ddim, MU + factor * (x_T - MU), atol=1e-9)
    assert ((got - ddim).norm(dim=1).max() / S).item() < 1e-3
    assert abs(factor / (S / math.sqrt(S**2 + 400)) - 1) < 3e-2


def heun_chain(x, grid):
    """Heun steps of the exact PF ODE from grid[-1] down to grid[0]: the fixed point of the CD loss."""
    for k in range(len(grid) - 1, 0, -1):
        x = heun_step(exact_denoiser, x, grid[k].expand(len(x)), grid[k - 1].expand(len(x)))
    return x


def test_consistency_distillation_recovers_the_ode_map():
    """20 Karras levels from 0.01 to 20. Algorithm 2's fixed point is the chain of Heun steps down to
    sigma_min (then f = x): one-step sampling must match it within 1e-2 of s (RMS); the chain itself is
    within 3e-2 of s of the exact PF-ODE map (Heun's error on 20 levels). Two-step sampling (Algorithm 1)
    gives the data's mean (four standard errors) and std (3 %)."""
    torch.manual_seed(1)
    grid = karras_grid(20, 0.01, 20.0)
    model = ConsistencyModel(AffinePerLevel(grid), sigma_min=0.01, sigma_data=S)
    averaged, _ = consistency_distillation(model, exact_denoiser, grid, draw_x0, steps=6000, batch=512, lr=0.02, mu=0.9, ema=0.99)
    x_T = MU + 20 * torch.randn(4000, 2, dtype=torch.float64)
    got = averaged(x_T, torch.full((4000,), 20.0, dtype=torch.float64))
    chain = heun_chain(x_T, grid)

    def rms(a, b):
        return ((a - b) ** 2).sum(1).mean().sqrt().item() / S

    assert rms(got, chain) < 1e-2
    assert rms(chain, exact_ode_map(x_T, 20.0)) < 3e-2
    two = consistency_sample(averaged, x_T, [20.0, float(grid[10])], torch.Generator().manual_seed(0))
    assert (two.mean(0) - MU).abs().max().item() < 4 * S / math.sqrt(4000)  # four standard errors
    assert abs(two.std(0).mean().item() / S - 1) < 0.03
