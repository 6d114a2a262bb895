"""DPM-Solver++(2M) and the sliced Wasserstein-1 distance, for checking the 2D models.

DPM-Solver++(2M): Lu et al. 2022, "DPM-Solver++", Algorithm 2 (multistep second order,
data prediction), in k-diffusion's form (sample_dpmpp_2m): lambda = -log sigma,
x_{i+1} = (sigma_{i+1}/sigma_i) x_i - expm1(-h) D_i with D_i the first-order x0 estimate
on the first and last steps and (1 + 1/2r) x0_i - (1/2r) x0_{i-1}, r = h_{i-1}/h_i, otherwise.
"""
import torch

from mlp2d_model import T, log_sigmas, t_of_sigma


def karras_sigmas(n: int, sigma_min: float, sigma_max: float, rho: float = 7.0) -> torch.Tensor:
    """Karras et al. 2022 eq. 5: n sigmas from sigma_max down to sigma_min, then 0."""
    ramp = torch.linspace(0, 1, n, dtype=torch.float64)
    lo, hi = sigma_min ** (1 / rho), sigma_max ** (1 / rho)
    sig = (hi + ramp * (lo - hi)) ** rho
    return torch.cat([sig, torch.zeros(1, dtype=torch.float64)])


def make_denoiser(eps_fn):
    """D(x, sigma) in k-diffusion coordinates x = x0 + sigma eps for a VP eps-network
    eps_fn(x_t, t) with x_t = x / sqrt(1 + sigma^2)."""
    ls = log_sigmas()

    def denoise(x: torch.Tensor, sigma: float) -> torch.Tensor:
        s = torch.tensor([sigma], dtype=torch.float64)
        t = t_of_sigma(s, ls).expand(x.shape[0])
        eps = eps_fn((x / (1 + sigma**2) ** 0.5).float(), t.float()).double()
        return x - sigma * eps

    return denoise


def dpmpp_2m(denoise, x: torch.Tensor, sigmas: torch.Tensor) -> torch.Tensor:
    old_x0 = None
    for i in range(len(sigmas) - 1):
        s, s_next = float(sigmas[i]), float(sigmas[i + 1])
        x0 = denoise(x, s)
        if s_next == 0:
            x = x0
        else:
            h = -torch.log(torch.tensor(s_next / s))
            if old_x0 is None:
                d = x0
            else:
                h_last = torch.log(torch.tensor(float(sigmas[i - 1]) / s))
                r = h_last / h
                d = (1 + 1 / (2 * r)) * x0 - (1 / (2 * r)) * old_x0
            x = (s_next / s) * x - torch.expm1(-h) * d
        old_x0 = x0
    return x


def sample(eps_fn, n: int, steps: int = 50, seed: int = 0) -> torch.Tensor:
    ls = log_sigmas()
    sig = karras_sigmas(steps, float(ls[0].exp()), float(ls[T - 1].exp()))
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, 2, generator=g, dtype=torch.float64) * sig[0]
    with torch.no_grad():
        return dpmpp_2m(make_denoiser(eps_fn), x, sig)


def sliced_w1(a: torch.Tensor, b: torch.Tensor, projections: int = 256, seed: int = 0) -> float:
    """Mean over random unit directions of the 1D W1 between the projected samples
    (equal sizes: the mean absolute difference of the sorted projections)."""
    assert a.shape == b.shape
    g = torch.Generator().manual_seed(seed)
    theta = torch.randn(projections, 2, generator=g, dtype=torch.float64)
    theta = theta / theta.norm(dim=1, keepdim=True)
    pa = torch.sort(a.double() @ theta.T, dim=0).values
    pb = torch.sort(b.double() @ theta.T, dim=0).values
    return float((pa - pb).abs().mean())
