#!/usr/bin/env bash
# Make the inference tests' fixture: a small 3D U-Net exported to ONNX by PyTorch (Debian's python3-torch) with a
# model card, two test volumes and the probabilities PyTorch's own sliding window gives them.
#
#   bash scripts/fetch-inference-data.sh     (by hand or from .ci/run; idempotent)
#
# Result in ${HARDY_INFERENCE_DIR:-<repo>/.cache/inference}/torch-unet-small/: model.onnx, model.json, cases.json,
# <case>.f32 and <case>_probs.f32 (little-endian float32, i fastest). The expectations come from PyTorch, never
# from Hardy. A stamp holding the generating script's SHA-256 makes a second run a no-op. Without apt-get and
# without python3-torch it does nothing and exits 0; the tests that need it are then skipped with a notice.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${HARDY_INFERENCE_DIR:-$REPO/.cache/inference}
OUT=$CACHE/torch-unet-small
SCRIPT=$REPO/scripts/torch_unet.py
PY=(/usr/bin/python3 -Es -B)   # Debian's python, no PYTHONPATH, user site or __pycache__
STAMP=$OUT/.stamp
want=$(sha256sum "$SCRIPT" | cut -d' ' -f1)

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] && [ -f "$OUT/cases.json" ]; then
    exit 0
fi
if ! "${PY[@]}" -c 'import torch' 2>/dev/null; then
    if command -v apt-get >/dev/null 2>&1; then
        SUDO=(); [ "$(id -u)" -eq 0 ] || SUDO=(sudo -n)
        "${SUDO[@]}" apt-get install -y -qq python3-torch >/dev/null 2>&1 ||
            { "${SUDO[@]}" apt-get update -qq >/dev/null 2>&1 &&
              "${SUDO[@]}" apt-get install -y -qq python3-torch >/dev/null 2>&1; } || true
    fi
fi
if ! "${PY[@]}" -c 'import torch' 2>/dev/null; then
    echo "fetch-inference-data: python3-torch unavailable; skipping the PyTorch-exported ONNX fixture" >&2
    exit 0
fi
rm -rf "$OUT.tmp" && mkdir -p "$OUT.tmp"
"${PY[@]}" "$SCRIPT" fixture "$OUT.tmp" 2> >(grep -v -e 'instance_norm' -e 'warnings.warn' >&2)
echo "$want" > "$OUT.tmp/.stamp"
rm -rf "$OUT" && mv "$OUT.tmp" "$OUT"
echo "fetch-inference-data: wrote $OUT" >&2
