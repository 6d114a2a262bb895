"""The training loops of progressive distillation (Salimans & Ho 2022, Algorithm 2) and consistency
distillation (Song et al. 2023, Algorithm 2). A model is a torch module called as model(x, sigma) -> the
x0 estimate in k-diffusion coordinates (distill_math.py); a teacher is any such callable. draw_x0(n)
returns n data points. Used with the 2D MLPs (training/distill.py) and with affine students on Gaussian
data (training/test_distill.py).
"""
import copy

import torch

from distill_math import consistency_coefficients, heun_step, pd_target, teacher_two_steps, truncated_snr_weight


def halve(grid):
    """The N-step grid inside a 2N-step one: every other noise level (the last, 0, kept)."""
    return grid[::2]


def progressive_round(student, teacher, grid, draw_x0, steps, batch, lr):
    """One round of Algorithm 2: the student learns to do in one DDIM step from grid[2i] to grid[2i+2]
    what two of the teacher's do through grid[2i+1]; grid is the teacher's descending 2N-step grid
    (2N + 1 noise levels ending in 0). Loss: truncated-SNR-weighted squared error to x~ (§3, §4).
    Adam with a linear learning-rate decay to 0 (as Salimans & Ho do within each round)."""
    n = (len(grid) - 1) // 2
    opt = torch.optim.Adam(student.parameters(), lr=lr)
    losses = []
    for step in range(steps):
        for group in opt.param_groups:
            group["lr"] = lr * (1 - step / steps)
        x0 = draw_x0(batch)
        i = torch.randint(n, (batch,))
        s, s_mid, s_next = grid[2 * i], grid[2 * i + 1], grid[2 * i + 2]
        x = x0 + s[:, None] * torch.randn_like(x0)
        with torch.no_grad():
            target = pd_target(x, s, teacher_two_steps(teacher, x, s, s_mid, s_next), s_next)
        loss = (truncated_snr_weight(s) * ((student(x, s) - target) ** 2).sum(1)).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses


def progressive_distillation(student, teacher, grid, draw_x0, rounds, steps, batch, lr):
    """Algorithm 2's outer loop: each round's student is initialised from and then replaces the
    teacher, and the grid halves. Returns {N: frozen N-step student} for every round."""
    students = {}
    for _ in range(rounds):
        progressive_round(student, teacher, grid, draw_x0, steps, batch, lr)
        grid = halve(grid)
        teacher = copy.deepcopy(student).requires_grad_(False)
        students[len(grid) - 1] = teacher
    return students


class ConsistencyModel(torch.nn.Module):
    """f(x, sigma) = c_skip(sigma) x + c_out(sigma) F(x, sigma) (Song et al. 2023, eq. 7, EDM coefficients),
    F the network (a callable (x, sigma) -> output shaped like x)."""

    def __init__(self, net, sigma_min, sigma_data):
        super().__init__()
        self.net, self.sigma_min, self.sigma_data = net, sigma_min, sigma_data

    def forward(self, x, sigma):
        c_skip, c_out = consistency_coefficients(sigma, self.sigma_min, self.sigma_data)
        return c_skip.to(x.dtype) * x + c_out.to(x.dtype) * self.net(x, sigma)


def consistency_distillation(model, teacher, grid, draw_x0, steps, batch, lr, mu, ema=0.999):
    """Song et al. 2023, Algorithm 2 with the squared L2 metric and lambda = 1: n ~ U{1, N-1},
    x_{t_{n+1}} = x + t_{n+1} z, x^_{t_n} = one Heun step of the teacher's PF ODE (the solver Phi),
    loss ||f_theta(x_{t_{n+1}}, t_{n+1}) - f_theta-(x^_{t_n}, t_n)||^2, theta- <- mu theta- + (1 - mu) theta.
    grid: the ascending noise levels t_1 = sigma_min < ... < t_N. Adam at a constant rate. Returns the
    EMA (rate `ema`) of theta, the model to sample from, and the losses."""
    target = copy.deepcopy(model).requires_grad_(False)
    averaged = copy.deepcopy(model).requires_grad_(False)
    params, target_params, avg_params = list(model.parameters()), list(target.parameters()), list(averaged.parameters())
    opt = torch.optim.Adam(params, lr=lr)
    losses = []
    for _ in range(steps):
        x0 = draw_x0(batch)
        n = torch.randint(len(grid) - 1, (batch,))
        t_n, t_next = grid[n], grid[n + 1]
        x = x0 + t_next[:, None] * torch.randn_like(x0)
        with torch.no_grad():
            y = target(heun_step(teacher, x, t_next, t_n), t_n)
        loss = ((model(x, t_next) - y) ** 2).sum(1).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        with torch.no_grad():
            torch._foreach_mul_(target_params, mu)
            torch._foreach_add_(target_params, params, alpha=1 - mu)
            torch._foreach_mul_(avg_params, ema)
            torch._foreach_add_(avg_params, params, alpha=1 - ema)
        losses.append(loss.item())
    return averaged, losses


@torch.no_grad()
def consistency_sample(model, x_T, sigmas, generator=None):
    """Song et al. 2023, Algorithm 1 (multistep consistency sampling): x = f(x_T, T); then for each
    tau in sigmas[1:], x = f(x + sqrt(tau^2 - sigma_min^2) z, tau). sigmas descends from T."""
    n = x_T.shape[0]
    x = model(x_T, torch.full((n,), float(sigmas[0]), dtype=torch.float64))
    for tau in sigmas[1:]:
        z = torch.randn(x.shape, generator=generator, dtype=x.dtype)
        x = x + (float(tau) ** 2 - model.sigma_min**2) ** 0.5 * z
        x = model(x, torch.full((n,), float(tau), dtype=torch.float64))
    return x


@torch.no_grad()
def ddim_sample(denoiser, x_T, sigmas):
    """DDIM (eta = 0) along the descending grid sigmas (ending in 0): the sampler of a distilled student."""
    x = x_T
    for s, s_next in zip(sigmas[:-1], sigmas[1:]):
        s_t = torch.full((x.shape[0],), float(s), dtype=torch.float64)
        d = denoiser(x, s_t)
        x = d + (float(s_next) / float(s)) * (x - d)
    return x
