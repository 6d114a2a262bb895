"""The 2D MLP (mlp2d_model.py) as denoisers in k-diffusion coordinates (x, sigma), as distill_train.py
wants them: the network sees the VP state x_t = x / sqrt(1 + sigma^2) and the continuous timestep
t = t_of_sigma(sigma) of the linear schedule, exactly as the app's denoiserFromModel feeds it.

- eps_denoiser: the shipped mlp-<dataset> teacher, D = x - sigma eps.
- VStudent: a progressive-distillation student predicting v (Salimans & Ho 2022, §4: eps-prediction
  breaks down at few steps), D = x / (1 + sigma^2) - sigma / sqrt(1 + sigma^2) v (parameterisation.ts 'v').
- RawNet: the network's output itself, the F of a consistency model (distill_train.ConsistencyModel).
"""
import torch

from mlp2d_model import T, log_sigmas, sigma_of_t, t_of_sigma

LOG_SIGMAS = log_sigmas()
SIGMA_MIN = float(LOG_SIGMAS[0].exp())
SIGMA_MAX = float(LOG_SIGMAS[T - 1].exp())


def uniform_t_grid(steps):
    """The N-step sampling grid of the distilled students: sigma at t = (T - 1)(N - i)/N, i < N, then 0.
    Halving keeps every other level, so the N-step grid is inside the 2N-step one."""
    t = (T - 1) * torch.arange(steps, 0, -1, dtype=torch.float64) / steps
    return torch.cat([sigma_of_t(t, LOG_SIGMAS), torch.zeros(1, dtype=torch.float64)])


class RawNet(torch.nn.Module):
    def __init__(self, mlp):
        super().__init__()
        self.mlp = mlp

    def forward(self, x, sigma):
        xt = x / torch.sqrt(1 + sigma**2)[:, None]
        return self.mlp(xt.float(), t_of_sigma(sigma, LOG_SIGMAS).float()).double()


class VStudent(RawNet):
    def forward(self, x, sigma):
        r = torch.sqrt(1 + sigma**2)[:, None]
        return x / r**2 - (sigma[:, None] / r) * super().forward(x, sigma)


def eps_denoiser(mlp):
    raw = RawNet(mlp).requires_grad_(False)
    return lambda x, sigma: x - sigma[:, None] * raw(x, sigma)
