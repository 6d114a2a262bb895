"""Train the 2D MLP on toy data sets and export it to public/models: an eps-prediction diffusion
model (mlp-<dataset>) or a rectified-flow velocity model (--objective flow: fm-<dataset>).

  OMP_WAIT_POLICY=ACTIVE /usr/bin/python3 training/train_mlp2d.py --dataset moons
  /usr/bin/python3 training/train_mlp2d.py --objective flow --dataset moons [more ids ...]

Data: training/.cache/<dataset>.json, written by `npx tsx scripts/export-datasets.ts` from
the app's own generators. Objectives: DDPM's simple loss ||eps - eps_theta(x_t, t)||^2 with
t ~ U[0, T-1] continuous (see mlp2d_model.py), or flow matching ||(eps - x0) - v_theta(x_tau, 1000 tau)||^2
with x_tau = (1 - tau) x0 + tau eps, tau ~ U[0.001, 1] (flow.py). The exported weights are an EMA of the
training weights. After export, 5,000 samples (50 steps of DPM-Solver++(2M) for eps models, of Euler
on the time-uniform grid for flow models) are compared with held-out data by sliced W1 (mlp2d_sample.py).
Runs on CUDA when available (one CPU thread otherwise); several data sets train one after another,
each from the same seed, exactly as separate runs would.
"""
import argparse
import copy
import json
import math
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ema import step_with_ema  # noqa: E402
import devices  # noqa: E402
import flow  # noqa: E402
from mlp2d_export import export  # noqa: E402
from mlp2d_model import T, MLP2D, log_sigmas, sigma_of_t  # noqa: E402
from mlp2d_sample import sample, sliced_w1  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_points(dataset: str, split: str) -> torch.Tensor:
    with open(os.path.join(ROOT, "training", ".cache", f"{dataset}-{split}.json")) as f:
        flat = json.load(f)["points"]
    return torch.tensor(flat, dtype=torch.float32).view(-1, 2)


def stf_targets(x0, a, b, data, reference):
    """Noised batch x_t = a x0 + b eps (a, b: [n, 1]) and its targets (eps, x0). With reference > 0,
    Xu et al. 2023 ("Stable Target Field", eq. 6): the targets are the eps and x0 implied by the
    posterior mean of x0 over a reference batch (the training batch plus fresh data), which keeps
    E[target | x_t] (as the reference grows) but cuts the variance of the regression target, most at
    mid and high noise."""
    eps = torch.randn_like(x0)
    xt = a * x0 + b * eps
    if reference == 0:
        return xt, eps, x0
    ref = torch.cat([x0, data[torch.randint(len(data), (reference - len(x0),), device=data.device)]])
    # -|x_t - a r|^2 / 2b^2 up to a per-row constant, which softmax ignores
    logits = (xt @ ref.T) * (a / b**2) - (ref**2).sum(1) * (a**2 / (2 * b**2))
    x0_hat = torch.softmax(logits, dim=1) @ ref
    return xt, (xt - a * x0_hat) / b, x0_hat


def training_batch(objective, data, batch, reference, ls):
    """(x_t, time input, target) for one step: VP eps-prediction or rectified-flow velocity."""
    x0 = data[torch.randint(len(data), (batch,), device=data.device)]
    if objective == "flow":
        # tau >= T_MIN, the smallest time the samplers ask for: below it the STF weights (a / b^2) lose float32 precision
        tau = flow.T_MIN + (1 - flow.T_MIN) * torch.rand(batch, device=data.device)
        xt, eps, x0_hat = stf_targets(x0, (1 - tau)[:, None], tau[:, None], data, reference)
        return xt, flow.TIME_SCALE * tau, eps - x0_hat
    t = torch.rand(batch, dtype=torch.float64) * (T - 1)
    sigma = sigma_of_t(t, ls).to(data.device)
    a = (1 / torch.sqrt(1 + sigma**2))[:, None].float()
    b = (sigma / torch.sqrt(1 + sigma**2))[:, None].float()
    xt, eps, _ = stf_targets(x0, a, b, data, reference)
    return xt, t.float().to(data.device), eps


REPEATS = 3


def evaluate(model, dataset: str, objective: str = "eps") -> tuple[list[float], list[float]]:
    """Sliced W1 of 5,000 model samples (sampler seed k) to held-out block k, and of held-out
    block k + 5 to block k, for k < REPEATS: both figures carry the same sampling noise."""
    test = load_points(dataset, "test").double().view(10, 5000, 2)
    draw = flow.euler_sample_2d if objective == "flow" else sample
    sw_model, sw_data = [], []
    for k in range(REPEATS):
        gen = draw(model, 5000, steps=50, seed=k).double()
        sw_model.append(sliced_w1(gen, test[k], seed=k))
        sw_data.append(sliced_w1(test[k + 5], test[k], seed=k))
    return sw_model, sw_data


def command_line(args, dataset: str) -> str:
    """The command that repeats this model's training: the script, the data set and every non-default flag."""
    flags = [f"--{k} {getattr(args, k)}" for k, v in DEFAULTS.items() if getattr(args, k) != v]
    prefix = "" if args.objective == "flow" else "OMP_WAIT_POLICY=ACTIVE "
    return " ".join([f"{prefix}/usr/bin/python3 training/train_mlp2d.py --dataset {dataset}", *flags])


def train(args, dataset: str, device) -> None:
    torch.manual_seed(args.seed)
    data = load_points(dataset, "train").to(device)
    model = MLP2D().to(device)
    ema = copy.deepcopy(model).requires_grad_(False)
    params, ema_params = list(model.parameters()), list(ema.parameters())
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.0)
    ls = log_sigmas()
    losses = torch.zeros(args.steps, device=device)
    start = time.time()
    for step in range(args.steps):
        lr = args.lr * 0.5 * (1 + math.cos(math.pi * step / args.steps))
        for group in opt.param_groups:
            group["lr"] = lr
        xt, t_in, target = training_batch(args.objective, data, args.batch, args.reference, ls)
        loss = ((model(xt, t_in) - target) ** 2).mean()
        step_with_ema(opt, loss, params, ema_params, args.ema, step)
        losses[step] = loss.detach()
        if step % 1000 == 0 or step == args.steps - 1:
            recent = losses[max(0, step - 499) : step + 1].mean().item()
            print(f"{dataset} step {step} loss {recent:.4f} lr {lr:.2e} {time.time() - start:.0f}s", flush=True)
    wall = time.time() - start
    final_loss = losses[-500:].mean().item()
    ema = ema.cpu()

    sw_model, sw_data = evaluate(ema, dataset, args.objective)
    print(f"{dataset} SW1 model->data {sw_model} data->data {sw_data}")
    ratio = sum(sw_model) / sum(sw_data)
    print(f"{dataset} mean SW1 model->data {sum(sw_model) / REPEATS:.4f} data->data {sum(sw_data) / REPEATS:.4f} "
          f"ratio {ratio:.2f} wall {wall:.1f}s", flush=True)

    params_count = sum(p.numel() for p in model.parameters())
    is_flow = args.objective == "flow"
    sampler = (
        "Euler on the flow ODE, 50 steps, time-uniform tau from 0.999 to 0.001, then 0"
        if is_flow
        else "DPM-Solver++(2M), 50 steps, Karras sigmas (rho 7) from sigma(T-1) to sigma(0), then 0"
    )
    extra = {
        "training": {
            "command": command_line(args, dataset),
            "objective": args.objective,
            "steps": args.steps,
            "batch": args.batch,
            "lr": args.lr,
            "ema": args.ema,
            "stfReference": args.reference,
            "seed": args.seed,
            "parameters": params_count,
            "wallSeconds": round(wall, 1),
            "finalLoss": round(final_loss, 5),
            "hardware": devices.describe(device),
        },
        "evaluation": {
            "sampler": sampler,
            "points": 5000,
            "projections": 256,
            "repeats": REPEATS,
            "sw1ModelToData": [round(v, 5) for v in sw_model],
            "sw1DataToData": [round(v, 5) for v in sw_data],
        },
    }
    if is_flow:
        extra["diffusion"] = {
            "parameterisation": "velocity",
            "schedule": flow.schedule_meta(),
            "timeInput": "1000 tau, tau = sigma / (1 + sigma) in [0, 1]; the input x is x_tau = (1 - tau) x0 + tau eps",
            "inputShape": [2],
            "dataset": dataset,
        }
    folder = f"{'fm' if is_flow else 'mlp'}-{dataset}"
    export(ema, os.path.join(ROOT, "public", "models", folder), dataset, args.seed, extra,
           "velocity" if is_flow else "eps")


DEFAULTS = {"objective": "eps", "steps": 2000, "batch": 256, "lr": 2e-3, "ema": 0.999, "seed": 0, "reference": 1024}

if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--dataset", required=True, nargs="+")
    p.add_argument("--objective", choices=["eps", "flow"], default=DEFAULTS["objective"])
    p.add_argument("--steps", type=int, default=DEFAULTS["steps"])
    p.add_argument("--batch", type=int, default=DEFAULTS["batch"])
    p.add_argument("--lr", type=float, default=DEFAULTS["lr"])
    p.add_argument("--ema", type=float, default=DEFAULTS["ema"])
    p.add_argument("--seed", type=int, default=DEFAULTS["seed"])
    p.add_argument("--reference", type=int, default=DEFAULTS["reference"], help="STF reference batch size (0: plain loss)")
    cli = p.parse_args()
    dev = devices.pick(cpu_threads=1)
    for ds in cli.dataset:
        train(cli, ds, dev)
