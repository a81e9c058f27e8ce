#!/usr/bin/env bash
# Hardy's segmentation pipeline next to PyTorch on the same 3D U-Net, weights, volume and patches.
#
#   scripts/bench-segment.sh   (BENCH_SIZE=160 BENCH_PATCH=64 BENCH_RUNS=2 BENCH_THREADS=<cores>; ~20 min on 2 cores)
#
# 1. scripts/torch_unet.py bench (Debian's python3-torch): builds a 3D U-Net of the default model's size (4 levels,
#    16-32-64-128 channels, instance norm, leaky ReLU, 8 classes, random weights, seed 1234), exports it to ONNX
#    with a card, writes a BENCH_SIZE^3 float32 volume, and times PyTorch's sliding window over it (BENCH_PATCH^3,
#    step 0.5, Gaussian weighting, softmax, argmax; 1 warm-up + BENCH_RUNS runs).
# 2. JMH hardy.bench.SegmentBenchmark: Hardy's Segmenter on the same files (1 warm-up + BENCH_RUNS single shots).
# Both use BENCH_THREADS threads. Results and logs in target/bench-segment/.
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/bench-segment
mkdir -p "$out"
size=${BENCH_SIZE:-160}
patch=${BENCH_PATCH:-64}
runs=${BENCH_RUNS:-2}
threads=${BENCH_THREADS:-$(nproc)}
PY=(/usr/bin/python3 -Es -B)

echo "PyTorch: building the network and timing it on ${size}^3 (log in $out/pytorch.log)" >&2
BENCH_SIZE=$size BENCH_PATCH=$patch BENCH_RUNS=$runs BENCH_THREADS=$threads "${PY[@]}" scripts/torch_unet.py bench "$out" >"$out/pytorch.log" 2>&1 \
  || { tail -20 "$out/pytorch.log" >&2; exit 1; }

echo "JMH: SegmentBenchmark (log in $out/jmh.log)" >&2
./mvnw -q -Pbench test-compile exec:exec \
  -Dbench.args="SegmentBenchmark -wi 1 -i $runs -p dir=$out -p size=$size -p threads=$threads -rf csv -rff $out/jmh.csv" \
  >"$out/jmh.log" 2>&1 || { tail -40 "$out/jmh.log" >&2; exit 1; }

hardy=$(awk -F, 'NR == 2 { printf "%.2f", $5 }' "$out/jmh.csv")
hardy_err=$(awk -F, 'NR == 2 { printf "%.2f", $6 }' "$out/jmh.csv")
"${PY[@]}" - "$out/pytorch.json" "$hardy" "$hardy_err" "$threads" "$size" <<'PYEOF'
import json, statistics, sys
p = json.load(open(sys.argv[1]))
hardy, err, threads, size = float(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
torch_mean = statistics.mean(p["runs_s"])
print(f"volume {size}^3 float32, {p['patch']}^3 patches, step 0.5 ({p['patches']} patches), U-Net {p['params']:,} parameters, "
      f"{threads} threads")
print(f"{'engine':34} {'mean s':>8} {'runs s':>28}")
print(f"{'Hardy (DJL + ONNX Runtime, JMH)':34} {hardy:8.2f} {'+-' + err + ' (99.9% CI)':>28}")
print(f"{p['engine'] + ' (eager)':34} {torch_mean:8.2f} {', '.join(f'{t:.2f}' for t in p['runs_s']):>28}")
print(f"Hardy / PyTorch = {hardy / torch_mean:.2f}")
PYEOF
