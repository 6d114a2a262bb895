"""The optimiser step shared by the 2D, manifold, latent and reflow trainers."""
import torch


def step_with_ema(opt, loss, params, ema_params, ema: float, step: int) -> None:
    """One optimiser step on `loss`, then the weights' exponential moving average with the
    warm-up decay min(ema, (1 + step) / (10 + step)), so early averages forget the
    initialisation quickly."""
    opt.zero_grad(set_to_none=True)
    loss.backward()
    opt.step()
    with torch.no_grad():
        decay = min(ema, (1 + step) / (10 + step))
        torch._foreach_mul_(ema_params, decay)
        torch._foreach_add_(ema_params, params, alpha=1 - decay)
