#!/usr/bin/env bash
# Independent expectations for Hardy's segmentation metrics (Dice, HD95, volume similarity), computed by
# scripts/eval_reference.py with Debian's numpy, scipy and nibabel; EvalReferenceTest compares Hardy to them.
#
#   bash scripts/fetch-eval-reference.sh     (by hand or from .ci/run; idempotent)
#
# Result, in ${HARDY_EVAL_REFERENCE_DIR:-<repo>/.cache/eval-reference}: pairNN_truth.nii.gz, pairNN_pred.nii.gz,
# expectations.json. Regenerated only when the script is newer than the expectations. Without apt-get (not
# Debian) and without the Python packages it does nothing and exits 0; the Java test then skips visibly.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${HARDY_EVAL_REFERENCE_DIR:-$REPO/.cache/eval-reference}
SCRIPT=$REPO/scripts/eval_reference.py
PY=(/usr/bin/python3 -Es -B)   # Debian's python, no PYTHONPATH, user site or __pycache__
SUDO=()
[ "$(id -u)" -eq 0 ] || SUDO=(sudo -n)

if [ -f "$OUT/expectations.json" ] && [ "$OUT/expectations.json" -nt "$SCRIPT" ] &&
   [ "$OUT/expectations.json" -nt "$REPO/scripts/interop_json.py" ]; then
    echo "fetch-eval-reference: $OUT/expectations.json is up to date"
    exit 0
fi
if ! "${PY[@]}" -c 'import numpy, scipy.ndimage, nibabel' 2>/dev/null; then
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "fetch-eval-reference: no apt-get and no numpy/scipy/nibabel here, skipping" >&2
        exit 0
    fi
    install() { "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends \
        python3-numpy python3-scipy python3-nibabel; }
    install || { "${SUDO[@]}" apt-get -q update && install; }
fi
"${PY[@]}" "$SCRIPT" "$OUT"
