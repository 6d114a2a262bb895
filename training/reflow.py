"""Reflow (Liu et al. 2023, "Flow straight and fast", Algorithm 1 with k = 1): the shipped rectified-flow
model fm-<dataset> maps fresh noise eps to samples x0 by its ODE (flow.py: x_tau = (1 - tau) x0 + tau eps,
data at tau = 0, dx/dtau = v); a copy of it is then trained on those (x0, eps) pairs, coupled, with the
same loss ||(eps - x0) - v(x_tau, 1000 tau)||^2 and exported as fm-<dataset>-reflow1. Reflowing straightens
the paths: straightness S = E int_0^1 ||(eps - x0) - v(x_tau, tau)||^2 dtau along the model's own ODE paths
(Liu et al., eq. 4 with X1 = eps and X0 = the ODE's end) is measured before and after, with sliced W1 to
held-out data at 1, 2, 4 and 8 Euler steps.

  OMP_NUM_THREADS=1 /usr/bin/python3 training/reflow.py --dataset gaussians8 moons swissroll
"""
import argparse
import copy
import math
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ema import step_with_ema  # noqa: E402
import flow  # noqa: E402
from mlp2d_export import export, load_exported  # noqa: E402
from mlp2d_sample import sliced_w1  # noqa: E402
from train_mlp2d import load_points  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NFES = [1, 2, 4, 8]
ODE_STEPS = 100


@torch.no_grad()
def ode_pairs(model, n, seed, steps=ODE_STEPS):
    """(x0, eps, path): Euler on dx/dtau = v from x = eps at tau = 1 to tau = 0 in `steps` uniform steps;
    path[k] is the state at tau = 1 - k/steps, so S can be measured on the same paths."""
    g = torch.Generator().manual_seed(seed)
    eps = torch.randn(n, 2, generator=g, dtype=torch.float64)
    x, path = eps.clone(), [eps.clone()]
    for k in range(steps):
        tau = 1 - k / steps
        v = model(x.float(), torch.full((n,), flow.TIME_SCALE * tau)).double()
        x = x - v / steps
        path.append(x.clone())
    return x, eps, path


@torch.no_grad()
def straightness(model, n=2000, seed=11, steps=ODE_STEPS):
    """Liu et al. 2023, eq. 4: S = E int_0^1 ||(X1 - X0) - v(X_tau, tau)||^2 dtau on the ODE's paths (X1 = eps,
    X0 = the path's end), by the midpoint rule on the Euler states."""
    x0, eps, path = ode_pairs(model, n, seed, steps)
    total = 0.0
    for k in range(steps):
        tau = 1 - (k + 0.5) / steps
        x = 0.5 * (path[k] + path[k + 1])
        v = model(x.float(), torch.full((n,), flow.TIME_SCALE * tau)).double()
        total += ((eps - x0 - v) ** 2).sum(1).mean().item() / steps
    return total


def sw1_by_nfe(model, dataset):
    test = load_points(dataset, "test").double()[:5000]
    return {n: round(sliced_w1(flow.euler_sample_2d(model, 5000, steps=n, seed=0), test, seed=0), 5) for n in NFES}


def reflow(args, dataset):
    torch.manual_seed(args.seed)
    teacher = load_exported(os.path.join(ROOT, "public", "models", f"fm-{dataset}")).eval()
    start = time.time()
    x0, eps, _ = ode_pairs(teacher, args.pairs, args.seed, args.ode_steps)
    x0, eps = x0.float(), eps.float()
    model = copy.deepcopy(teacher).train()
    ema = copy.deepcopy(model).requires_grad_(False)
    params, ema_params = list(model.parameters()), list(ema.parameters())
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.0)
    losses = torch.zeros(args.steps)
    for step in range(args.steps):
        for group in opt.param_groups:
            group["lr"] = args.lr * 0.5 * (1 + math.cos(math.pi * step / args.steps))
        i = torch.randint(len(x0), (args.batch,))
        tau = flow.T_MIN + (1 - flow.T_MIN) * torch.rand(args.batch)
        xt = flow.interpolate(x0[i], tau, eps[i])
        loss = ((model(xt, flow.TIME_SCALE * tau) - (eps[i] - x0[i])) ** 2).mean()
        step_with_ema(opt, loss, params, ema_params, args.ema, step)
        losses[step] = loss.detach()
    wall = time.time() - start
    ema.eval()
    before = {"straightness": round(straightness(teacher), 5), "sw1ByNfe": sw1_by_nfe(teacher, dataset)}
    after = {"straightness": round(straightness(ema), 5), "sw1ByNfe": sw1_by_nfe(ema, dataset)}
    print(dataset, "before", before, "after", after, f"{wall:.0f}s", flush=True)
    extra = {
        "generatedBy": f"training/reflow.py (torch {torch.__version__})",
        "diffusion": {
            "parameterisation": "velocity",
            "schedule": flow.schedule_meta(),
            "timeInput": "1000 tau, tau = sigma / (1 + sigma) in [0, 1]; the input x is x_tau = (1 - tau) x0 + tau eps",
            "inputShape": [2],
            "dataset": dataset,
        },
        "training": {
            "command": f"OMP_NUM_THREADS=1 /usr/bin/python3 training/reflow.py --dataset {dataset}",
            "objective": "reflow (Liu et al. 2023), from fm-" + dataset,
            "pairs": args.pairs,
            "odeSteps": args.ode_steps,
            "steps": args.steps,
            "batch": args.batch,
            "lr": args.lr,
            "ema": args.ema,
            "seed": args.seed,
            "wallSeconds": round(wall, 1),
            "finalLoss": round(losses[-500:].mean().item(), 5),
            "hardware": "CPU (1 thread)",
        },
        "evaluation": {
            "sampler": "Euler on the flow ODE, time-uniform tau from 0.999 to 0.001, then 0",
            "points": 5000,
            "projections": 256,
            "straightness": "Liu et al. 2023 eq. 4 on 2,000 ODE paths of 100 Euler steps (noise seed 11)",
            "before": before,
            "after": after,
        },
    }
    export(ema, os.path.join(ROOT, "public", "models", f"fm-{dataset}-reflow1"), dataset, args.seed, extra, "velocity")
    write_card(dataset, extra)


def write_card(dataset, meta):
    t, ev = meta["training"], meta["evaluation"]
    rows = "\n".join(
        f"| {n} | {ev['before']['sw1ByNfe'][n]} | {ev['after']['sw1ByNfe'][n]} |" for n in NFES
    )
    text = f"""# fm-{dataset}-reflow1: fm-{dataset} after one reflow

**Data.** The app's own seeded generator `sampleDataset('{dataset}', n, seed)` (src/core/data), as for
fm-{dataset}; held-out points (seed 2) for the check. The distribution is procedural (no third-party data).

**Process and network.** As fm-{dataset} (its README): rectified flow x_tau = (1 - tau) x0 + tau eps, the
network predicts v = eps - x0 from (x_tau, 1000 tau); the same MLP, started from fm-{dataset}'s weights.

**Training (reflow, Liu et al. 2023, "Flow straight and fast", Algorithm 1).** `{t['command']}`:
{t['pairs']:,} noise draws eps carried to x0 by fm-{dataset}'s ODE ({t['odeSteps']} Euler steps from tau = 1
to 0), then {t['steps']:,} AdamW steps on the coupled pairs, batch {t['batch']}, learning rate {t['lr']} with
cosine decay, loss ||(eps - x0) - v(x_tau, 1000 tau)||^2, tau ~ U[0.001, 1], EMA {t['ema']} (exported),
seed {t['seed']}; {t['wallSeconds']} s on a CPU (1 thread, PyTorch {torch.__version__}). Final loss {t['finalLoss']}.

**Check.** Straightness S = E int ||(eps - x0) - v(x_tau, tau)||^2 dtau along each
model's own ODE paths ({ev['straightness']}): {ev['before']['straightness']} before, {ev['after']['straightness']}
after. Sliced W1 (256 directions) of 5,000 samples (Euler, time-uniform grid) to 5,000 held-out points:

| Euler steps (NFE) | fm-{dataset} | fm-{dataset}-reflow1 |
|---|---|---|
{rows}

**Licence.** MIT, as the project.
"""
    with open(os.path.join(ROOT, "public", "models", f"fm-{dataset}-reflow1", "README.md"), "w") as f:
        f.write(text)


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dataset", required=True, nargs="+")
    p.add_argument("--pairs", type=int, default=10000)
    p.add_argument("--ode-steps", type=int, default=ODE_STEPS)
    p.add_argument("--steps", type=int, default=1000)
    p.add_argument("--batch", type=int, default=512)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--ema", type=float, default=0.999)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    for d in args.dataset:
        reflow(args, d)
