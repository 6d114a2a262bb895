#!/usr/bin/env bash
# Train, check and export the ten 2D toy models one after another (one CPU thread each),
# write their model cards and rebuild public/models/manifest.json.
#   bash training/train_all_mlp2d.sh [dataset ...]    (default: all ten)
# Logs go to training/.cache/mlp2d-<dataset>.log; the data sets are re-exported first.
# Step counts as shipped (each card states its command): 3000 for swissroll and moons, 4000 for
# pinwheel and smiley, the default 2000 for the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsx scripts/export-datasets.ts
DATASETS=("$@")
if [ ${#DATASETS[@]} -eq 0 ]; then
  DATASETS=(swissroll moons gaussians8 gaussians25 checkerboard rings spiral pinwheel smiley dino)
fi
for ds in "${DATASETS[@]}"; do
  steps=()
  case "$ds" in
    swissroll | moons) steps=(--steps 3000) ;;
    pinwheel | smiley) steps=(--steps 4000) ;;
  esac
  OMP_WAIT_POLICY=ACTIVE /usr/bin/python3 training/train_mlp2d.py --dataset "$ds" "${steps[@]}" \
    > "training/.cache/mlp2d-$ds.log" 2>&1
  tail -n 1 "training/.cache/mlp2d-$ds.log" | sed "s/^/$ds: /"
  /usr/bin/python3 training/write_card_mlp2d.py "$ds"
done
npx tsx scripts/build-manifest.ts
