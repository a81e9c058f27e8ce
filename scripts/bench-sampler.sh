#!/usr/bin/env bash
# Per-iteration cost of hardness weighted sampling: Hardy's sum-tree sampler next to the paper's NumPy reference.
#
#   scripts/bench-sampler.sh [N ...]      (default 1e3 1e4 1e5 1e6 1e7; about 3 minutes on 2 cores)
#
# One iteration is what training does per batch: draw b = 4 distinct cases from the floored softmax of
# beta * L (beta = 100), then update the 4 drawn stale losses. Java: the JMH benchmark
# hardy.bench.SamplerBenchmark. Reference: scripts/bench_sampler_reference.py (softmax over all n, then
# numpy.random.choice(n, b, replace=False, p=p), as the authors' implementation does) on Debian's python3-numpy,
# installed with apt when missing and possible. Prints a table; logs and raw results stay in target/bench-sampler/.
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/bench-sampler
rm -rf "$out" && mkdir -p "$out"
sizes=("$@")
((${#sizes[@]})) || sizes=(1000 10000 100000 1000000 10000000)
python=/usr/bin/python3

if ! "$python" -Es -c 'import numpy' 2>/dev/null; then
  { [[ $EUID == 0 ]] && apt-get install -y -qq python3-numpy >/dev/null 2>&1; } \
    || { echo "needs Debian's python3-numpy (apt-get install python3-numpy)" >&2; exit 1; }
fi

echo "JMH: SamplerBenchmark for n = ${sizes[*]}; log in $out/jmh.log" >&2
./mvnw -q -Pbench test-compile exec:exec \
  -Dbench.args="SamplerBenchmark -p n=$(IFS=,; echo "${sizes[*]}") -rf csv -rff $out/jmh.csv" >"$out/jmh.log" 2>&1 \
  || { tail -40 "$out/jmh.log" >&2; exit 1; }

echo "NumPy reference; output in $out/numpy.txt" >&2
"$python" -Es scripts/bench_sampler_reference.py --b 4 --beta 100 --momentum 0 "${sizes[@]}" >"$out/numpy.txt"

# JMH score and error (us/op) for n = $1.
jmh_us() {
  awk -F, -v n="$1" '
    { sub(/\r$/, "") }
    NR == 1 { for (i = 1; i <= NF; i++) if ($i == "\"Param: n\"") col = i; next }
    $col == n { printf "%.3f %.3f\n", $5, $6 }' "$out/jmh.csv"
}

echo "JVM: $(sed -n 's/^# VM version: //p' "$out/jmh.log" | head -1)"
echo "Python $("$python" -Es -c 'import platform, numpy; print(platform.python_version(), "/ NumPy", numpy.__version__)')"
echo "CPU: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(nproc) cores"
echo "b = 4, beta = 100, momentum 0; microseconds per iteration (draw + update)"
printf '%10s %14s %12s %16s %12s\n' n hardy_us '+-99.9%' numpy_us speedup
for n in "${sizes[@]}"; do
  read -r h e < <(jmh_us "$n")
  r=$(awk -v n="$n" '$1 == n { print $2 }' "$out/numpy.txt")
  awk -v n="$n" -v h="$h" -v e="$e" -v r="$r" \
    'BEGIN { printf "%10d %14.3f %12.3f %16.1f %12.0f\n", n, h, e, r, r / h }'
done
