#!/usr/bin/env bash
# Train and export all ten 2D toy models, one after another, on one CPU thread each.
#   bash training/train_all_mlp2d.sh [dataset ...]    (default: all ten)
# Logs go to training/.cache/mlp2d-<dataset>.log; the data sets are re-exported first.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsx scripts/export-datasets.ts
DATASETS=("$@")
if [ ${#DATASETS[@]} -eq 0 ]; then
  DATASETS=(swissroll moons gaussians8 gaussians25 checkerboard rings spiral pinwheel smiley dino)
fi
for ds in "${DATASETS[@]}"; do
  OMP_WAIT_POLICY=ACTIVE /usr/bin/python3 training/train_mlp2d.py --dataset "$ds" \
    > "training/.cache/mlp2d-$ds.log" 2>&1
  tail -n 1 "training/.cache/mlp2d-$ds.log" | sed "s/^/$ds: /"
done
