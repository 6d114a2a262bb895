"""The updates and targets of progressive and consistency distillation, in k-diffusion coordinates
x = x0 + sigma eps (a VP state x_t = x / sqrt(1 + sigma^2)). A denoiser is D(x, sigma) -> x0 estimate,
sigma a float64 tensor [n] (one noise level per row). Shared by training/distill.py, training/consistency.py
and their oracle tests (training/test_distill.py).
"""
import torch


def ddim_step(x, x0_hat, sigma, sigma_next):
    """DDIM with eta = 0 (Song et al. 2021, eq. 12) divided by sqrt(abar_next):
    x' = x0_hat + (sigma'/sigma) (x - x0_hat)."""
    r = (sigma_next / sigma)[:, None]
    return x0_hat + r * (x - x0_hat)


def pd_target(x, sigma, x_two_steps, sigma_next):
    """Salimans & Ho 2022, Algorithm 2 (the x-target x~ of §3): the x0 estimate whose single DDIM step
    from (x, sigma) lands on x_two_steps, the teacher's state after two DDIM steps, at sigma_next:
    x~ = (x'' - (sigma''/sigma) x) / (1 - sigma''/sigma). Their VP form
    (z'' - (s''/s) z) / (alpha'' - (s''/s) alpha) is this one multiplied through by sqrt(abar)."""
    r = (sigma_next / sigma)[:, None]
    return (x_two_steps - r * x) / (1 - r)


def teacher_two_steps(teacher, x, sigma, sigma_mid, sigma_next):
    """Two DDIM steps of the teacher: sigma -> sigma_mid -> sigma_next (Algorithm 2's z_t' and z_t'')."""
    x_mid = ddim_step(x, teacher(x, sigma), sigma, sigma_mid)
    return ddim_step(x_mid, teacher(x_mid, sigma_mid), sigma_mid, sigma_next)


def truncated_snr_weight(sigma):
    """Salimans & Ho 2022, §4 'truncated SNR' weighting max(SNR, 1) of the x-space loss; SNR = 1/sigma^2."""
    return torch.clamp(1 / sigma**2, min=1.0)


def consistency_coefficients(sigma, sigma_min, sigma_data):
    """Song et al. 2023, eq. 7 with Appendix C's EDM choice: f(x, sigma) = c_skip x + c_out F(x, sigma),
    c_skip = sigma_data^2 / ((sigma - sigma_min)^2 + sigma_data^2),
    c_out = (sigma - sigma_min) sigma_data / sqrt(sigma_data^2 + sigma^2); c_skip(sigma_min) = 1 and
    c_out(sigma_min) = 0 give the boundary condition f(x, sigma_min) = x exactly."""
    c_skip = sigma_data**2 / ((sigma - sigma_min) ** 2 + sigma_data**2)
    c_out = (sigma - sigma_min) * sigma_data / torch.sqrt(sigma_data**2 + sigma**2)
    return c_skip[:, None], c_out[:, None]


def heun_step(teacher, x, sigma, sigma_next):
    """One step of Heun's method on the PF ODE dx/dsigma = (x - D(x, sigma)) / sigma (Karras et al. 2022,
    Algorithm 1), the ODE solver Phi of consistency distillation; sigma_next > 0."""
    d = (x - teacher(x, sigma)) / sigma[:, None]
    h = (sigma_next - sigma)[:, None]
    x_euler = x + h * d
    d_next = (x_euler - teacher(x_euler, sigma_next)) / sigma_next[:, None]
    return x + h * (d + d_next) / 2


def karras_grid(n, sigma_min, sigma_max, rho=7.0):
    """Karras et al. 2022, eq. 5: n noise levels from sigma_min up to sigma_max (ascending, as Song et al.
    2023 index t_1 = eps < ... < t_N = T)."""
    ramp = torch.linspace(0, 1, n, dtype=torch.float64)
    return (sigma_min ** (1 / rho) + ramp * (sigma_max ** (1 / rho) - sigma_min ** (1 / rho))) ** rho
