#!/usr/bin/env bash
# ERM against hardness weighted sampling on wide-domain phantoms where two subgroups are rare
# (docs/experiments/erm-vs-hws.md). Needs target/hardy.jar (./mvnw package).
#
#   bash scripts/experiments/erm-vs-hws.sh [OUT_DIR]
#
# Environment: HARDY_JAR (target/hardy.jar), ITERATIONS (1200), SEEDS ("1 2 3"), JOBS (2 runs at a time, one PyTorch thread each),
# ARMS ("erm hws beta100"; beta100 runs with the first seed only, for the record).
# Each run is `hardy train` with the arm's flags; every command line goes to OUT_DIR/commands.txt. Training logs,
# per-iteration loss logs, predictions and evaluations stay in OUT_DIR. On 2 cores: about 25 minutes per run.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${1:-$REPO/target/experiments/erm-vs-hws}
ITERATIONS=${ITERATIONS:-1200}
SEEDS=${SEEDS:-"1 2 3"}
JOBS=${JOBS:-2}
ARMS=${ARMS:-"erm hws beta100"}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/java}
JAVA=${JAVA:-java}
H=("$JAVA" -XX:+UseSerialGC -jar "${HARDY_JAR:-$REPO/target/hardy.jar}")
mkdir -p "$OUT"

# Data: the wide domain (surroundings, 0.5-1.2 mm grids, 100-160 mm fields of view, head pose, T2-like and random
# contrasts). Training: 32 normal, 4 ventriculomegaly, 4 agenesis of the corpus callosum (10 % each).
# Test: 8 of each subgroup, from other seeds.
if [ ! -f "$OUT/train/cases.csv" ]; then
    "${H[@]}" synth --preset wide --out "$OUT/train" --count 32 --first 0 --seed 101 --subgroup-share normal=1
    "${H[@]}" synth --preset wide --out "$OUT/train" --count 4 --first 32 --seed 102 --subgroup-share ventriculomegaly=1
    "${H[@]}" synth --preset wide --out "$OUT/train" --count 4 --first 36 --seed 103 --subgroup-share agenesis_cc=1
fi
if [ ! -f "$OUT/test/cases.csv" ]; then
    "${H[@]}" synth --preset wide --out "$OUT/test" --count 8 --first 100 --seed 201 --subgroup-share normal=1
    "${H[@]}" synth --preset wide --out "$OUT/test" --count 8 --first 108 --seed 202 --subgroup-share ventriculomegaly=1
    "${H[@]}" synth --preset wide --out "$OUT/test" --count 8 --first 116 --seed 203 --subgroup-share agenesis_cc=1
fi

# Identical for every arm: the recipe of issue 15 (docs/model-card.md).
recipe=(--spacing 1.6 --patch 48 --batch 2 --base-channels 8 --depth 4 --lr 1e-3 --schedule poly --augment
        --foreground-share 0.5 --iterations "$ITERATIONS" --checkpoint-every 100 --threads 1)

arm_flags() {
    case $1 in
        erm) echo "--beta 0 --momentum 0.9" ;;
        hws) echo "--ess-share 0.5 --momentum 0.9" ;;
        beta100) echo "--beta 100 --momentum 0" ;;
        *) echo "unknown arm $1" >&2; exit 2 ;;
    esac
}

run() { # arm seed
    local arm=$1 seed=$2 name="$1-seed$2"
    local model="$OUT/model-$name"
    if [ -f "$model/model.json" ]; then
        echo "$name: already trained"
    else
        local resume=()
        [ -f "$model.checkpoint/run.json" ] && resume=(--resume)
        # shellcheck disable=SC2046
        local cmd=(train --cases "$OUT/train" --out "$model" "${recipe[@]}" $(arm_flags "$arm") --seed "$seed"
                   --loss-log "$OUT/losses-$name.csv" "${resume[@]}")
        echo "hardy ${cmd[*]}" >>"$OUT/commands.txt"
        local start
        start=$(date +%s)
        "${H[@]}" "${cmd[@]}" >"$OUT/train-$name.log" 2>&1
        echo "$name: trained in $(( $(date +%s) - start )) s" | tee -a "$OUT/times.txt"
    fi
    if [ ! -f "$OUT/eval-$name.csv" ]; then
        rm -rf "$OUT/pred-$name"
        "${H[@]}" segment "$OUT/test" --batch --model "$model" -o "$OUT/pred-$name" --device cpu \
            >"$OUT/segment-$name.log" 2>&1
        "${H[@]}" evaluate --pred "$OUT/pred-$name" --truth "$OUT/test" --groups "$OUT/test/cases.csv" \
            --csv "$OUT/eval-$name.csv" >"$OUT/eval-$name.txt" 2>&1
    fi
}

jobs_list=()
for seed in $SEEDS; do
    for arm in $ARMS; do
        [ "$arm" = beta100 ] || jobs_list+=("$arm $seed")
    done
done
case " $ARMS " in *" beta100 "*) jobs_list+=("beta100 ${SEEDS%% *}") ;; esac # the record run goes last
running=0
for job in "${jobs_list[@]}"; do
    # shellcheck disable=SC2086
    run $job &
    running=$((running + 1))
    if [ "$running" -ge "$JOBS" ]; then
        wait -n || echo "a run failed; see its log in $OUT" >&2 # the other runs go on
        running=$((running - 1))
    fi
done
wait || true
python3 "$REPO/scripts/experiments/summarise.py" "$OUT" | tee "$OUT/summary.md"
