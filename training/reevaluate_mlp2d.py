"""Re-run the sliced-W1 check (train_mlp2d.evaluate) on exported models and update the
"evaluation" block of their model.json, e.g. after the check itself changed.

  OMP_WAIT_POLICY=ACTIVE /usr/bin/python3 training/reevaluate_mlp2d.py moons [more ids ...]
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mlp2d_export import load_exported  # noqa: E402
from train_mlp2d import REPEATS, ROOT, evaluate  # noqa: E402

if __name__ == "__main__":
    torch.set_num_threads(1)
    for dataset in sys.argv[1:]:
        folder = os.path.join(ROOT, "public", "models", f"mlp-{dataset}")
        sw_model, sw_data = evaluate(load_exported(folder).eval(), dataset)
        path = os.path.join(folder, "model.json")
        with open(path) as f:
            doc = json.load(f)
        doc["evaluation"].update(
            repeats=REPEATS,
            sw1ModelToData=[round(v, 5) for v in sw_model],
            sw1DataToData=[round(v, 5) for v in sw_data],
        )
        with open(path, "w") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")
        print(f"{dataset}: ratio {sum(sw_model) / sum(sw_data):.2f}  model {sw_model}  data {sw_data}")
