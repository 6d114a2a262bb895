"""Discrete VP schedule (DDPM linear betas, T = 1000) and a DDIM sampler with classifier-free guidance."""
import torch

T = 1000
BETA_START = 1e-4
BETA_END = 0.02


def alphas_cumprod():
    betas = torch.linspace(BETA_START, BETA_END, T, dtype=torch.float64)
    return torch.cumprod(1.0 - betas, dim=0)


def schedule_meta():
    return {'kind': 'linear', 'T': T, 'beta_start': BETA_START, 'beta_end': BETA_END}


def add_noise(x0, t, eps, abar):
    a = abar[t].float().sqrt()[:, None, None, None]
    s = (1.0 - abar[t].float()).sqrt()[:, None, None, None]
    return a * x0 + s * eps


@torch.no_grad()
def ddim_sample_cfg(model, labels, shape, steps=50, guidance=2.0, null_class=10, generator=None, clip=True):
    """Deterministic DDIM (Song et al. 2021, eq. 12 with eta = 0) on trailing timesteps
    t_i = round(linspace(T-1, 0, steps)); the last update goes to alpha_bar = 1.
    Guided eps = eps_null + guidance * (eps_cond - eps_null). With clip, the x0 prediction is clipped to
    the data range [-1, 1] and eps is recomputed from the clipped x0, so the update stays consistent with
    x_t (diffusers' DDIMScheduler with clip_sample=True and use_clipped_model_output=True). Clipping x0
    but keeping the network's eps injects the clipped-off part at every step: at high noise, where the
    x0 estimate is eps / sqrt(alpha_bar) amplified, that brightened Fashion-MNIST samples into grey
    squares. Without clip this is plain DDIM, as the app's samplers run it."""
    device = next(model.parameters()).device
    abar = alphas_cumprod()
    n = labels.shape[0]
    x = torch.randn((n,) + tuple(shape), generator=generator).to(device)
    ts = torch.linspace(T - 1, 0, steps).round().long().tolist()
    labels = labels.to(device)
    null = torch.full_like(labels, null_class)
    for i, t in enumerate(ts):
        tt = torch.full((2 * n,), t, dtype=torch.long, device=device)
        eps_c, eps_u = model(torch.cat([x, x]), tt, torch.cat([labels, null])).chunk(2)
        eps = eps_u + guidance * (eps_c - eps_u)
        a_t = abar[t].float()
        a_prev = abar[ts[i + 1]].float() if i + 1 < len(ts) else torch.tensor(1.0)
        x0 = (x - (1 - a_t).sqrt() * eps) / a_t.sqrt()
        if clip:
            x0 = x0.clamp(-1, 1)
            eps = (x - a_t.sqrt() * x0) / (1 - a_t).sqrt()
        x = a_prev.sqrt() * x0 + (1 - a_prev).sqrt() * eps
    return x.clamp(-1, 1).cpu()
