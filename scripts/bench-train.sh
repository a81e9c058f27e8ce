#!/usr/bin/env bash
# One training iteration: Hardy's Trainer (DJL + libtorch 2.7.1) next to the same network, loss, batch, patch and
# Adam step in Debian's PyTorch, on 1 and on 2 threads.
#
#   scripts/bench-train.sh        (BENCH_PATCH=32 BENCH_BATCH=2 BENCH_BASE=8 BENCH_DEPTH=3; about 6 minutes)
#
# 1. scripts/torch_train_step.py (python3-torch): BENCH_WARMUP=3 iterations, then the median of 20.
# 2. JMH hardy.bench.TrainIterationBenchmark: 3 x 4 s warm-up, 5 x 4 s measured, mean per iteration.
# The two alternate per thread count, so a change in the machine's load hits both. Logs in target/bench-train/.
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/bench-train
rm -rf "$out" && mkdir -p "$out"
patch=${BENCH_PATCH:-32}
batch=${BENCH_BATCH:-2}
base=${BENCH_BASE:-8}
depth=${BENCH_DEPTH:-3}
PY=(/usr/bin/python3 -Es -B)

if ! "${PY[@]}" -c 'import torch' 2>/dev/null; then
  { [[ $EUID == 0 ]] && apt-get install -y -qq python3-torch >/dev/null 2>&1; } \
    || { echo "needs Debian's python3-torch (apt-get install python3-torch)" >&2; exit 1; }
fi
./mvnw -q -Pbench test-compile >"$out/build.log" 2>&1 || { tail -40 "$out/build.log" >&2; exit 1; }

printf '| threads | PyTorch %s ms | Hardy ms (JMH mean ± error) | Hardy / PyTorch |\n| --- | --- | --- | --- |\n' \
  "$("${PY[@]}" -c 'import torch; print(torch.__version__)')"
for threads in 1 2; do
  BENCH_THREADS=$threads BENCH_PATCH=$patch BENCH_BATCH=$batch BENCH_BASE=$base BENCH_DEPTH=$depth \
    "${PY[@]}" scripts/torch_train_step.py "$out/torch-$threads.json" >"$out/torch-$threads.log" 2>&1 \
    || { tail -20 "$out/torch-$threads.log" >&2; exit 1; }
  ./mvnw -q -Pbench exec:exec -Dbench.args="TrainIterationBenchmark -p threads=$threads -p patch=$patch \
-p batch=$batch -p base=$base -p depth=$depth -rf csv -rff $out/jmh-$threads.csv" >"$out/jmh-$threads.log" 2>&1 \
    || { tail -40 "$out/jmh-$threads.log" >&2; exit 1; }
  "${PY[@]}" - "$out/torch-$threads.json" "$out/jmh-$threads.csv" "$threads" <<'PYEOF'
import csv, json, sys
torch_ms = json.load(open(sys.argv[1]))["median_s"] * 1000
row = list(csv.reader(open(sys.argv[2])))[1]
hardy, err = float(row[4]), float(row[5])
print(f"| {sys.argv[3]} | {torch_ms:.0f} | {hardy:.0f} ± {err:.0f} | {hardy / torch_ms:.2f} |")
PYEOF
done
echo "(base $base, depth $depth, ${patch}^3 patches, batch $batch, 8 classes; Adam; augmentation off)"
