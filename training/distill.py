"""Distil a shipped 2D diffusion MLP (public/models/mlp-<dataset>, the teacher) into few-step students and
export them next to it:

- progressive distillation (Salimans & Ho 2022, Algorithm 2): from the teacher's 64-step DDIM on the
  uniform-t grid, six rounds halve the steps to 1; students predict v, each initialised from its teacher;
  the 1-, 2- and 4-step students ship as distill-<dataset>-<N>;
- consistency distillation (Song et al. 2023, Algorithm 2): f = c_skip x + c_out F on the linear schedule's
  sigma range, initialised from the teacher's weights; ships as consistency-<dataset>, sampled by
  Algorithm 1 on the same uniform-t grids.

  OMP_NUM_THREADS=1 nice -n 10 /usr/bin/python3 training/distill.py --dataset gaussians8 moons swissroll

Data: training/.cache/<dataset>-train.json (npx tsx scripts/export-datasets.ts). After training, every
model (teacher included) is scored by sliced W1 of 5,000 samples to held-out data against NFE, as
train_mlp2d.evaluate does; the numbers go into each model.json (`evaluation.sw1ByNfe`) and its card
(training/write_card_distill.py).
"""
import argparse
import copy
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import devices  # noqa: E402
from distill_nets import SIGMA_MAX, SIGMA_MIN, RawNet, VStudent, eps_denoiser, uniform_t_grid  # noqa: E402
from distill_train import (  # noqa: E402
    ConsistencyModel,
    consistency_distillation,
    consistency_sample,
    ddim_sample,
    progressive_distillation,
)
from distill_math import karras_grid  # noqa: E402
from mlp2d_export import export, load_exported  # noqa: E402
from mlp2d_model import BETA_END, BETA_START, T  # noqa: E402
from mlp2d_sample import sliced_w1  # noqa: E402
from train_mlp2d import REPEATS, ROOT, load_points  # noqa: E402

TEACHER_STEPS = 64
SHIPPED_STEPS = (1, 2, 4)
SIGMA_DATA = 1.0  # the data sets are normalised to unit variance per coordinate (on average)
MODELS = os.path.join(ROOT, "public", "models")


def sw1_by_nfe(sample, nfes, dataset):
    """{NFE: [sliced W1 of 5,000 samples (seed k) to held-out block k, k < REPEATS]}; sample(n, steps, seed)."""
    test = load_points(dataset, "test").double().view(10, 5000, 2)
    return {n: [round(sliced_w1(sample(5000, n, k), test[k], seed=k), 5) for k in range(REPEATS)] for n in nfes}


def x_T(n, seed):
    return SIGMA_MAX * torch.randn(n, 2, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)


def diffusion_meta(dataset, parameterisation):
    return {
        "parameterisation": parameterisation,
        "schedule": {"kind": "linear", "T": T, "beta_start": BETA_START, "beta_end": BETA_END},
        "timeInput": "continuous t in [0, T-1], log sigma interpolated between integers",
        "inputShape": [2],
        "dataset": dataset,
    }


def grids(steps):
    return {str(n): [round(v, 7) for v in uniform_t_grid(n).tolist()] for n in steps}


def run(args, dataset):
    torch.manual_seed(args.seed)
    data = load_points(dataset, "train").double()
    draw_x0 = lambda n: data[torch.randint(len(data), (n,))]  # noqa: E731
    teacher_mlp = load_exported(os.path.join(MODELS, f"mlp-{dataset}")).requires_grad_(False)
    teacher = eps_denoiser(teacher_mlp)
    teacher_sw = sw1_by_nfe(lambda n, s, k: ddim_sample(teacher, x_T(n, k), uniform_t_grid(s)),
                            [1, 2, 4, 8, 16, 32, 64], dataset)
    print(dataset, "teacher DDIM", teacher_sw, flush=True)
    common = {"teacher": f"mlp-{dataset}", "seed": args.seed, "hardware": devices.describe(torch.device("cpu")),
              "command": " ".join(["/usr/bin/python3 training/distill.py", *sys.argv[1:]])}

    start = time.time()
    students = progressive_distillation(VStudent(copy.deepcopy(teacher_mlp).requires_grad_(True)), teacher,
                                        uniform_t_grid(TEACHER_STEPS), draw_x0, rounds=6, steps=args.pd_steps,
                                        batch=args.batch, lr=args.pd_lr)
    pd_wall = time.time() - start
    pd_sw = {n: sw1_by_nfe(lambda m, s, k: ddim_sample(students[n], x_T(m, k), uniform_t_grid(s)), [n], dataset)[n]
             for n in sorted(students)}
    print(dataset, "progressive", pd_sw, f"{pd_wall:.0f}s", flush=True)
    for n in SHIPPED_STEPS:
        extra = {
            "generatedBy": f"training/distill.py (torch {torch.__version__})",
            "diffusion": diffusion_meta(dataset, "v"),
            "sampling": {"sampler": "ddim", "grids": grids([n])},
            "training": {**common, "method": "progressive distillation (Salimans & Ho 2022, Algorithm 2)",
                         "teacherSteps": TEACHER_STEPS, "rounds": 6, "stepsPerRound": args.pd_steps,
                         "batch": args.batch, "lr": args.pd_lr, "wallSecondsAllRounds": round(pd_wall, 1)},
            "evaluation": {"points": 5000, "projections": 256, "repeats": REPEATS,
                           "sw1ByNfe": {"teacher-ddim": teacher_sw, "student": pd_sw}},
        }
        export(students[n].mlp, os.path.join(MODELS, f"distill-{dataset}-{n}"), dataset, args.seed, extra, "output")

    start = time.time()
    cm = ConsistencyModel(RawNet(copy.deepcopy(teacher_mlp).requires_grad_(True)), SIGMA_MIN, SIGMA_DATA)
    cd_grid = karras_grid(args.cd_levels, SIGMA_MIN, SIGMA_MAX)
    averaged, losses = consistency_distillation(cm, teacher, cd_grid, draw_x0, steps=args.cd_steps,
                                                batch=args.batch, lr=args.cd_lr, mu=args.mu)
    cd_wall = time.time() - start
    cd_sw = sw1_by_nfe(lambda m, s, k: consistency_sample(averaged, x_T(m, k), uniform_t_grid(s)[:-1],
                                                          torch.Generator().manual_seed(1000 + k)),
                       list(SHIPPED_STEPS), dataset)
    print(dataset, "consistency", cd_sw, f"{cd_wall:.0f}s", flush=True)
    extra = {
        "generatedBy": f"training/distill.py (torch {torch.__version__})",
        "diffusion": diffusion_meta(dataset, "consistency"),
        "consistency": {"sigmaMin": SIGMA_MIN, "sigmaData": SIGMA_DATA},
        "sampling": {"sampler": "consistency", "grids": grids(SHIPPED_STEPS)},
        "training": {**common, "method": "consistency distillation (Song et al. 2023, Algorithm 2)",
                     "levels": args.cd_levels, "mu": args.mu, "steps": args.cd_steps, "batch": args.batch,
                     "lr": args.cd_lr, "ema": 0.999, "finalLoss": round(sum(losses[-500:]) / 500, 6),
                     "wallSeconds": round(cd_wall, 1)},
        "evaluation": {"points": 5000, "projections": 256, "repeats": REPEATS,
                       "sw1ByNfe": {"teacher-ddim": teacher_sw, "student": cd_sw}},
    }
    export(averaged.net.mlp, os.path.join(MODELS, f"consistency-{dataset}"), dataset, args.seed, extra, "output")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--dataset", required=True, nargs="+")
    p.add_argument("--pd-steps", type=int, default=1000, help="training steps per halving round")
    p.add_argument("--pd-lr", type=float, default=5e-4)
    p.add_argument("--cd-steps", type=int, default=3000)
    p.add_argument("--cd-lr", type=float, default=2e-4)
    p.add_argument("--cd-levels", type=int, default=20, help="N, the Karras levels of consistency distillation")
    p.add_argument("--mu", type=float, default=0.95, help="the target network's EMA rate")
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--seed", type=int, default=0)
    cli = p.parse_args()
    torch.set_num_threads(1)
    for ds in cli.dataset:
        run(cli, ds)
