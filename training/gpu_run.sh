#!/usr/bin/env bash
# Everything that needs many steps, in one go on a GPU machine (see README.md, "On a GPU"). Two processes:
#   A: the fashion eps UNet (--budget-s FASHION_BUDGET), exported, then evaluated once B's classifier exists;
#   B: the fashion classifier; the digits-fm flow UNet (--budget-s FM_BUDGET), exported and evaluated;
#      the ten fm-<dataset> 2D flow MLPs.
# Each stage leaves its log and a tarball of its outputs in $OUT as soon as it ends.
# SIDE=0 skips B (its outputs must already be in .cache); EXTRA_EVAL="digits digits-fm" evaluates those models
# again at the end (their checkpoints must be in .cache).
#   OUT=/some/dir bash training/gpu_run.sh          (SMOKE=1: a few steps of everything, for a CPU check)
set -uo pipefail
cd "$(dirname "$0")"
export PYTHONUNBUFFERED=1
: "${OUT:?set OUT to the output directory}"
PY=${PYTHON:-python3}
FASHION_BUDGET=${FASHION_BUDGET:-300}
FM_BUDGET=${FM_BUDGET:-90}
DATASETS="swissroll moons gaussians8 gaussians25 checkerboard rings spiral pinwheel smiley dino"
FASHION=(--budget-s "$FASHION_BUDGET")
FM=(--budget-s "$FM_BUDGET")
FM2D=(--steps 3000 --batch 2048 --reference 4096)
CLF=()
EVAL=()
if [ "${SMOKE:-0}" = 1 ]; then
  FASHION=(--steps 3 --batch 8) FM=(--steps 3 --batch 8) FM2D=(--steps 3 --batch 64 --reference 128)
  CLF=(--epochs 1 --max-batches 2)
  EVAL=(--per-class 2)
fi
CLF_DONE=.cache/fashion-classifier.done
rm -f "$CLF_DONE"
[ "${SIDE:-1}" = 1 ] || touch "$CLF_DONE"
stamp() { echo "[$(date +%T)] $*"; }
pack() { local name=$1; shift; tar czf "$OUT/$name.tgz" "$@" 2>/dev/null; stamp "packed $name.tgz"; }

(
  stamp "fashion UNet"
  "$PY" train_image.py --model fashion "${FASHION[@]}" && "$PY" export_tfjs.py --model fashion --kind unet
  pack fashion .cache/fashion-unet.pt ../public/models/fashion
  while [ ! -e "$CLF_DONE" ]; do sleep 2; done
  stamp "evaluate fashion"
  "$PY" evaluate.py --model fashion "${EVAL[@]}"
  pack fashion .cache/fashion-unet.pt ../public/models/fashion .cache/fashion-eval.json .cache/fashion-samples.pt
  stamp "A done"
) > "$OUT/fashion.log" 2>&1 &
A=$!

[ "${SIDE:-1}" = 1 ] && (
  stamp "fashion classifier"
  "$PY" train_classifier.py --model fashion "${CLF[@]}" && "$PY" export_tfjs.py --model fashion --kind classifier
  touch "$CLF_DONE"
  stamp "digits-fm UNet"
  "$PY" train_image.py --model digits-fm "${FM[@]}" && "$PY" export_tfjs.py --model digits-fm --kind unet
  "$PY" evaluate.py --model digits-fm "${EVAL[@]}"
  SIDE_FILES=(.cache/fashion-classifier.pt .cache/digits-fm-unet.pt .cache/digits-fm-eval.json .cache/digits-fm-samples.pt
    ../public/models/fashion-classifier ../public/models/digits-fm)
  pack side "${SIDE_FILES[@]}"
  stamp "fm 2D MLPs"
  # shellcheck disable=SC2086
  "$PY" train_mlp2d.py --objective flow --dataset $DATASETS "${FM2D[@]}"
  pack side "${SIDE_FILES[@]}" ../public/models/fm-*
  stamp "B done"
) > "$OUT/side.log" 2>&1 &
B=$!
wait "$A" "$B"
if [ -n "${EXTRA_EVAL:-}" ]; then
  (
    files=()
    for m in $EXTRA_EVAL; do
      stamp "evaluate $m"
      "$PY" evaluate.py --model "$m" "${EVAL[@]}"
      files+=(".cache/$m-eval.json" ".cache/$m-samples.pt" "../public/models/$m/samples.png")
    done
    pack eval "${files[@]}"
  ) > "$OUT/eval.log" 2>&1
fi
stamp "done"
