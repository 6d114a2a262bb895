"""Rectified flow (Liu et al. 2023; Lipman et al. 2023 with sigma_min = 0): x_tau = (1 - tau) x0 + tau eps,
tau in [0, 1], velocity target v = eps - x0. Networks see the time label TIME_SCALE * tau, so the same
sinusoidal embedding serves diffusion timesteps (0..999) and flow times. In the app's k-diffusion
coordinates tau = sigma / (1 + sigma) (src/core/schedules/flow.ts, src/core/denoisers/velocity.ts).
"""
import torch

TIME_SCALE = 1000.0
T_MIN, T_MAX = 1e-3, 1 - 1e-3


def schedule_meta():
    return {'kind': 'flow', 'T': int(TIME_SCALE)}


def interpolate(x0, tau, eps):
    tau = tau.view(-1, *([1] * (x0.dim() - 1)))
    return (1 - tau) * x0 + tau * eps


def time_grid(steps):
    """The app's 'time-uniform' grid on the flow process: steps times from T_MAX to T_MIN, then 0."""
    return torch.cat([torch.linspace(T_MAX, T_MIN, steps, dtype=torch.float64), torch.zeros(1, dtype=torch.float64)])


@torch.no_grad()
def euler_sample_cfg(model, labels, shape, steps=50, guidance=2.0, null_class=10, generator=None, clip=True):
    """Euler on the flow ODE dx/dtau = v (equal to DDIM on this path: x' = (1 - tau') x0_hat + tau' eps_hat),
    guided v = v_null + guidance * (v_cond - v_null), starting from x = tau_0 * z. With clip, as in
    diffusion.ddim_sample_cfg, the x0 estimate x - tau v is clipped to [-1, 1] and eps_hat recomputed from
    it, (x - (1 - tau) x0) / tau; without clip this is plain Euler, as the app's samplers run it."""
    device = next(model.parameters()).device
    n = labels.shape[0]
    taus = time_grid(steps).tolist()
    x = (taus[0] * torch.randn((n,) + tuple(shape), generator=generator)).to(device)
    labels = labels.to(device)
    null = torch.full_like(labels, null_class)
    for i in range(steps):
        tau, tau_next = taus[i], taus[i + 1]
        tt = torch.full((2 * n,), TIME_SCALE * tau, device=device)
        v_c, v_u = model(torch.cat([x, x]), tt, torch.cat([labels, null])).chunk(2)
        v = v_u + guidance * (v_c - v_u)
        x0 = x - tau * v
        eps = x + (1 - tau) * v
        if clip:
            x0 = x0.clamp(-1, 1)
            eps = (x - (1 - tau) * x0) / tau
        x = (1 - tau_next) * x0 + tau_next * eps
    return x.clamp(-1, 1).cpu()


@torch.no_grad()
def euler_sample_2d(v_fn, n, steps=50, seed=0):
    """Unguided Euler for the 2D velocity MLPs on the same grid, from x = tau_0 * z; float64 state."""
    taus = time_grid(steps).tolist()
    g = torch.Generator().manual_seed(seed)
    x = taus[0] * torch.randn(n, 2, generator=g, dtype=torch.float64)
    for i in range(steps):
        tt = torch.full((n,), TIME_SCALE * taus[i])
        x = x + (taus[i + 1] - taus[i]) * v_fn(x.float(), tt).double()
    return x
