#!/usr/bin/env bash
# How fast Hardy loads a 200-slice 256x256 DICOM series, uncompressed and JPEG Lossless, next to dcm2niix
# converting the same folders to uncompressed NIfTI, in the same run.
#
#   scripts/bench-dicom-series.sh      (about 3 minutes on 2 cores; needs scripts/fetch-interop-data.sh first)
#
# 1. scripts/make_bench_series.py writes target/bench-dicom/{plain,jpeg_lossless}/ (DCMTK's dcmcjpeg +e1).
# 2. JMH, hardy.bench.DicomSeriesReadBenchmark: VolumeReaders.read(folder) in a warm JVM (scan, group, sort,
#    decode every pixel; no file written).
# 3. hyperfine: `dcm2niix -z n` on each folder (a process: its scan, decode and the NIfTI write), and
#    `java -jar target/hardy.jar convert FOLDER out.nii` (a cold JVM, the same work as dcm2niix, NIfTI write
#    included).
# Logs and raw results stay in target/bench-dicom/.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/bench-dicom
/usr/bin/python3 -Es -B scripts/make_bench_series.py "$out" >&2
command -v hyperfine >/dev/null || { [[ $EUID == 0 ]] && apt-get install -y -qq hyperfine >/dev/null 2>&1; } ||
  { echo "bench-dicom-series: hyperfine is needed" >&2; exit 1; }

echo "building target/hardy.jar" >&2
./mvnw -q -o package -DskipTests >"$out/package.log" 2>&1 || { tail -20 "$out/package.log" >&2; exit 1; }

echo "JMH: DicomSeriesReadBenchmark; log in $out/jmh.log" >&2
./mvnw -q -Pbench test-compile exec:exec \
  -Dbench.args="DicomSeriesReadBenchmark -p dir=$out/plain,$out/jpeg_lossless -rf csv -rff $out/jmh.csv" \
  >"$out/jmh.log" 2>&1 || { tail -40 "$out/jmh.log" >&2; exit 1; }

java=${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25* | head -1)}/bin/java
for s in plain jpeg_lossless; do
  mkdir -p "$out/dcm2niix_$s" "$out/hardy_$s"
  hyperfine -N -w 2 -r 10 --export-csv "$out/hyperfine_$s.csv" \
    "dcm2niix -z n -b n -o $out/dcm2niix_$s -f out $out/$s" \
    "$java --enable-native-access=ALL-UNNAMED -jar target/hardy.jar convert $out/$s $out/hardy_$s/out.nii" \
    >"$out/hyperfine_$s.log" 2>&1 || { cat "$out/hyperfine_$s.log" >&2; exit 1; }
done

jmh_ms() {
  awk -F, -v d="$1" '{ sub(/\r$/, "") } NR == 1 { for (i = 1; i <= NF; i++) if ($i == "\"Param: dir\"") c = i; next }
    $c == d { printf "%.0f", $5 }' "$out/jmh.csv"
}
hf_ms() { awk -F, -v n="$2" 'NR == n + 1 { printf "%.0f", $2 * 1000 }' "$out/hyperfine_$1.csv"; }

echo "JVM: $(sed -n 's/^# VM version: //p' "$out/jmh.log" | head -1)"
echo "dcm2niix: $(dcm2niix -v 2>&1 | grep -m1 -o 'v[0-9][^ ]*' || true); $(hyperfine --version)"
echo "CPU: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(nproc) cores"
printf '%-15s %8s %16s %18s %20s\n' series MB hardy_read_ms dcm2niix_conv_ms hardy_cli_conv_ms
for s in plain jpeg_lossless; do
  printf '%-15s %8.1f %16s %18s %20s\n' "$s" "$(du -sm "$out/$s" | cut -f1)" "$(jmh_ms "$out/$s")" \
    "$(hf_ms "$s" 1)" "$(hf_ms "$s" 2)"
done
