#!/usr/bin/env bash
# ERM (beta 0) against hardness weighted sampling (beta 100) on phantoms where two subgroups are rare
# (docs/experiments/erm-vs-hws.md). Needs target/hardy.jar (./mvnw package). About 1.5 hours on 2 cores.
# Usage: bash scripts/experiments/erm-vs-hws.sh [OUT_DIR] [ITERATIONS]
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${1:-$REPO/target/experiments/erm-vs-hws}
ITERATIONS=${2:-500}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/java}
JAVA=${JAVA:-java}
H=("$JAVA" -jar "$REPO/target/hardy.jar")
common=(--size 64 --spacing 2.0 --threads 2)

rm -rf "$OUT/train" "$OUT/test"
# Training set: 16 normal, 2 ventriculomegaly, 2 agenesis of the corpus callosum (10% each).
"${H[@]}" synth --out "$OUT/train" --count 16 --first 0 --seed 101 --subgroup-share normal=1 "${common[@]}"
"${H[@]}" synth --out "$OUT/train" --count 2 --first 16 --seed 102 --subgroup-share ventriculomegaly=1 "${common[@]}"
"${H[@]}" synth --out "$OUT/train" --count 2 --first 18 --seed 103 --subgroup-share agenesis_cc=1 "${common[@]}"
# Test set: 8 of each subgroup.
"${H[@]}" synth --out "$OUT/test" --count 8 --first 100 --seed 201 --subgroup-share normal=1 "${common[@]}"
"${H[@]}" synth --out "$OUT/test" --count 8 --first 108 --seed 202 --subgroup-share ventriculomegaly=1 "${common[@]}"
"${H[@]}" synth --out "$OUT/test" --count 8 --first 116 --seed 203 --subgroup-share agenesis_cc=1 "${common[@]}"

for beta in 0 100; do
    rm -rf "$OUT/model-beta$beta" "$OUT/model-beta$beta.checkpoint" "$OUT/pred-beta$beta"
    start=$(date +%s)
    "${H[@]}" train --cases "$OUT/train" --out "$OUT/model-beta$beta" --beta "$beta" --iterations "$ITERATIONS" \
        --patch 32 --batch 2 --base-channels 8 --depth 3 --lr 1e-3 --foreground-share 0.5 --seed 2026 \
        --no-augment --schedule constant
    echo "beta $beta: training took $(( $(date +%s) - start )) s" | tee -a "$OUT/times.txt"
    "${H[@]}" segment "$OUT/test" --batch --model "$OUT/model-beta$beta" -o "$OUT/pred-beta$beta" --device cpu
    "${H[@]}" evaluate --pred "$OUT/pred-beta$beta" --truth "$OUT/test" --groups "$OUT/test/cases.csv" \
        --csv "$OUT/eval-beta$beta.csv" --feta-names | tee "$OUT/eval-beta$beta.txt"
done
