"""Write the model cards public/models/<distill-<dataset>-<N> | consistency-<dataset>>/README.md from the
facts training/distill.py put in their model.json.

  /usr/bin/python3 training/write_card_distill.py gaussians8 moons swissroll
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELS = os.path.join(ROOT, "public", "models")

COMMON = """**Data.** The app's own seeded generator `sampleDataset('{dataset}', n, seed)` (src/core/data), normalised to
mean 0 and unit variance per coordinate on average; 50,000 training points (seed 1). Procedural, no third-party data.

**Teacher.** `{teacher}` (eps-prediction MLP on DDPM's linear schedule, T = 1000). The student has the same
network (width 128, 60,354 parameters, float32, tfjs weights-manifest format) and sees what the teacher sees:
the VP state x_t = x / sqrt(1 + sigma^2) and the continuous timestep t(sigma).

**Training.** `{command}` (seed {seed}, {hardware}): {method_detail}

**Quality: sliced W1 to held-out data against NFE.** 5,000 samples from x_T = sigma(999) z (seed k) against
held-out block k (seed 2), 256 random directions, k = 0, 1, 2, mean of the three. Two independent 5,000-point
data blocks are {data_ref} apart on the same measure (training/train_mlp2d.py's check). Teacher: DDIM (eta = 0)
on the uniform-t grid sigma(999 (N - i)/N), i < N, then 0.

| NFE | {header} |
|---|---|---|
{rows}

**Test vector.** model.json's `testVector` holds 12 inputs and PyTorch's float32 network outputs (`output`:
{output}); src/models/mlp2d.test.ts checks the tfjs forward pass against it.

**Licence.** MIT, like the rest of the project. **Intended use:** teaching few-step sampling on 2D data.
"""

PD = """# {id}: {steps}-step progressively distilled MLP for "{dataset}"

Progressive distillation (Salimans & Ho 2022, Algorithm 2): the student learns to do in one DDIM step what
two of its teacher's do, x~ = (x'' - (sigma''/sigma) x) / (1 - sigma''/sigma) (the x-target of §3 in
k-diffusion coordinates), with the truncated-SNR weight max(1/sigma^2, 1) (§4); each round's student, initialised
from its teacher, becomes the next round's teacher and the steps halve, 64 -> 32 -> ... -> 1. It predicts v
(model.json parameterisation `v`: D = x/(1 + sigma^2) - sigma v / sqrt(1 + sigma^2)), as §4 advises for few steps.
**This model is the {steps}-step student: run it with DDIM (eta = 0) on its own grid** (model.json `sampling`),
which the app and the CLI do by themselves: `npx diffusion-playground sample --model {id}`, or in a 2D view
`?model=distill&dataset={dataset}&steps={steps}`.

"""

CM = """# {id}: consistency model for "{dataset}"

Consistency distillation (Song et al. 2023, Algorithm 2) of the teacher: f(x, sigma) = c_skip x + c_out F(x, sigma)
with the EDM coefficients of eq. 7 / Appendix C (sigma_data = {sigma_data}, sigma_min = sigma(0) = {sigma_min:.6f}, so
f(x, sigma_min) = x); N = {levels} Karras levels (rho = 7) from sigma_min to sigma(999) = 157.4, one Heun step of the
teacher's PF ODE as the solver, squared L2, lambda = 1, target EMA mu = {mu}, initialised from the teacher's weights;
the exported weights are the EMA (0.999) of the online ones. **Sample it with multistep consistency sampling
(Algorithm 1)** on the grids in model.json `sampling` (1, 2 or 4 steps, the same uniform-t levels as the distilled
students), which the app and the CLI do by themselves: `npx diffusion-playground sample --model {id} --steps 2`, or
in a 2D view `?model=consistency&dataset={dataset}&steps=2`.

"""


def mean(v):
    return sum(v) / len(v)


def facts(folder):
    with open(os.path.join(MODELS, folder, "model.json")) as f:
        m = json.load(f)
    tr, ev = m["training"], m["evaluation"]["sw1ByNfe"]
    teacher, student = ev["teacher-ddim"], ev["student"]
    nfes = sorted({int(k) for k in teacher} | {int(k) for k in student})
    cell = lambda d, n: f"{mean(d[str(n)]):.4f}" if str(n) in d else ""  # noqa: E731
    rows = "\n".join(f"| {n} | {cell(teacher, n)} | {cell(student, n)} |" for n in nfes)
    return m, tr, rows


def write(dataset, data_ref):
    for name in sorted(os.listdir(MODELS)):
        if name.startswith(f"distill-{dataset}-") or name == f"consistency-{dataset}":
            m, tr, rows = facts(name)
            is_pd = name.startswith("distill-")
            steps = int(name.rsplit("-", 1)[1]) if is_pd else None
            c = m.get("consistency", {"sigmaData": 0.0, "sigmaMin": 0.0})
            head = (PD if is_pd else CM).format(id=name, steps=steps, dataset=dataset, levels=tr.get("levels"),
                                                mu=tr.get("mu"), sigma_data=c["sigmaData"], sigma_min=c["sigmaMin"])
            detail = (f"{tr['rounds']} rounds of {tr['stepsPerRound']:,} Adam steps (batch {tr['batch']}, learning rate "
                      f"{tr['lr']} decaying linearly to 0 in each round), {tr['wallSecondsAllRounds']:.0f} s for all rounds "
                      "on a shared 2-core machine." if is_pd else
                      f"{tr['steps']:,} Adam steps (batch {tr['batch']}, learning rate {tr['lr']}), {tr['wallSeconds']:.0f} s "
                      f"on a shared 2-core machine; final loss {tr['finalLoss']}.")
            header = ("teacher (DDIM) | progressive students (each its own N; this one: N = "
                      f"{steps})" if is_pd else "teacher (DDIM) | this model (Algorithm 1)")
            text = head + COMMON.format(dataset=dataset, teacher=tr["teacher"], command=tr["command"], seed=tr["seed"],
                                        hardware=tr["hardware"], method_detail=detail, data_ref=data_ref,
                                        header=header, rows=rows,
                                        output="v" if is_pd else "F of f = c_skip x + c_out F")
            with open(os.path.join(MODELS, name, "README.md"), "w") as f:
                f.write(text)


if __name__ == "__main__":
    for ds in sys.argv[1:]:
        with open(os.path.join(MODELS, f"mlp-{ds}", "model.json")) as f:
            ref = mean(json.load(f)["evaluation"]["sw1DataToData"])
        write(ds, f"{ref:.4f}")
