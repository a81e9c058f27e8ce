#!/usr/bin/env bash
# How fast Hardy reads a .nii.gz, next to `zcat FILE > /dev/null` on the same file.
#
#   scripts/bench-nifti-read.sh [more.nii.gz ...]      (about 2 minutes on 2 cores)
#
# Builds the test classes, runs the JMH benchmark hardy.bench.NiftiReadBenchmark (readNiftiGz: full read into a
# Volume; gunzipOnly: GZIPInputStream into a 64 KiB buffer) on a synthetic 256x256x180 int16 volume that Hardy
# writes to target/bench/, on mricron's ch2better.nii.gz when scripts/fetch-interop-data.sh has fetched it, and
# on any files given; then times zcat on the same files with hyperfine (installed with apt when missing and
# possible, otherwise a timed bash loop) and prints a table. Logs and raw results stay in target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/bench
synthetic=$out/synthetic_256x256x180_int16.nii.gz
rm -rf "$out" && mkdir -p "$out"

files=("$synthetic") params=synthetic
for f in .cache/interop/files/mricron-data/templates/ch2better.nii.gz "$@"; do
  if [[ -f $f ]]; then files+=("$f") params+=",$f"; else echo "skipping missing $f" >&2; fi
done

echo "JMH: NiftiReadBenchmark on ${#files[@]} file(s); log in $out/jmh.log" >&2
./mvnw -q -Pbench test-compile exec:exec \
  -Dbench.args="NiftiReadBenchmark -p dir=$out -p file=$params -rf csv -rff $out/jmh.csv" >"$out/jmh.log" 2>&1 \
  || { tail -40 "$out/jmh.log" >&2; exit 1; }

command -v hyperfine >/dev/null || { [[ $EUID == 0 ]] && apt-get install -y -qq hyperfine >/dev/null 2>&1; } || true

# Mean wall time of `zcat FILE > /dev/null` in ms (hyperfine sends the output to /dev/null).
zcat_ms() {
  if command -v hyperfine >/dev/null; then
    hyperfine -N -w 3 -r 20 --export-csv "$out/zcat.csv" "zcat $(printf %q "$1")" >>"$out/zcat.log" 2>&1
    awk -F, 'NR == 2 { printf "%.1f", $2 * 1000 }' "$out/zcat.csv"
  else
    local n=20 t0 t1
    for ((i = 0; i < 3; i++)); do zcat "$1" >/dev/null; done
    t0=$EPOCHREALTIME; for ((i = 0; i < n; i++)); do zcat "$1" >/dev/null; done; t1=$EPOCHREALTIME
    awk -v a="$t0" -v b="$t1" -v n=$n 'BEGIN { printf "%.1f", (b - a) * 1000 / n }'
  fi
}

# JMH score (ms/op) of benchmark $1 for file parameter $2.
jmh_ms() {
  awk -F, -v b="NiftiReadBenchmark.$1" -v f="$2" '
    { sub(/\r$/, "") }
    NR == 1 { for (i = 1; i <= NF; i++) if ($i == "\"Param: file\"") col = i; next }
    $1 ~ b "\"$" && $col == f { printf "%.1f", $5 }' "$out/jmh.csv"
}

echo "JVM: $(sed -n 's/^# VM version: //p' "$out/jmh.log" | head -1)"
echo "zcat: $(zcat --version | head -1); $(command -v hyperfine >/dev/null && hyperfine --version || echo 'bash loop')"
echo "CPU: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(nproc) cores"
printf '%-38s %8s %8s %8s %8s %10s %10s %12s\n' file gz_MB raw_MB zcat_ms read_ms gunzip_ms read/zcat gunzip/zcat
for i in "${!files[@]}"; do
  f=${files[$i]}
  p=$([[ $i == 0 ]] && echo synthetic || echo "$f")
  z=$(zcat_ms "$f") r=$(jmh_ms readNiftiGz "$p") g=$(jmh_ms gunzipOnly "$p")
  awk -v n="$(basename "$f")" -v c="$(stat -c %s "$f")" -v u="$(zcat "$f" | wc -c)" -v z="$z" -v r="$r" -v g="$g" \
    'BEGIN { printf "%-38s %8.1f %8.1f %8.1f %8.1f %10.1f %10.2f %12.2f\n", n, c / 1e6, u / 1e6, z, r, g, r / z, g / z }'
done
