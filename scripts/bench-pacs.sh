#!/usr/bin/env bash
# How fast Hardy retrieves a 200-slice series from a PACS through DICOMweb (WADO-RS), next to Orthanc's own REST
# download of the same series, from the same throw-away Orthanc on this machine.
#
#   scripts/bench-pacs.sh [ROUNDS]      (default 5 rounds; needs scripts/fetch-interop-data.sh first)
#
# 1. scripts/make_bench_series.py writes target/bench-pacs/series/plain/: 200 axial slices of 256 x 256 int16,
#    explicit VR little endian (26 MB), loaded into a fresh Orthanc by scripts/orthanc-test-server.sh.
# 2. Each round runs, in turn (A B C D, A B C D, ...):
#    A  bin/hardy pacs get --server bench STUDY SERIES -o DIR   a cold JVM: QIDO-RS series listing, WADO-RS
#       multipart/related streamed to disk, every file parsed and checked against the study and series UIDs,
#       moved into place
#    B  curl of Orthanc's REST GET /instances/{id}/file for each of the 200 instances (one curl, one connection)
#    C  curl of Orthanc's REST GET /series/{id}/archive (a ZIP of the series)
#    D  curl of the same WADO-RS request as A, to one file (the server's side of A, without Hardy)
# 3. Prints the median wall time of each and the ratios A/B, A/C and D/B.
# Everything stays in target/bench-pacs/; Orthanc is stopped at the end, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
out=$PWD/target/bench-pacs
mkdir -p "$out"

if [ ! -d "$out/series/plain" ]; then
    /usr/bin/python3 -Es -B scripts/make_bench_series.py "$out/series" >&2
fi
if [ ! -f target/hardy.jar ] || [ ! -d target/lib ]; then
    echo "bench-pacs: building target/hardy.jar" >&2
    nice -n 15 ./mvnw -q -B -ntp package -DskipTests >"$out/package.log" 2>&1 || { tail -20 "$out/package.log" >&2; exit 1; }
fi

state=$out/orthanc
trap 'bash scripts/orthanc-test-server.sh stop "$state"' EXIT
bash scripts/orthanc-test-server.sh start "$state" --load "$out/series/plain" >&2
port=$(cat "$state/port")
rest=http://127.0.0.1:$port

# Orthanc's series id, the UIDs, and the instance ids, from its REST API.
read -r sid study series < <(curl -sf "$rest/series?expand" | /usr/bin/python3 -Es -c '
import json, sys
s = json.load(sys.stdin)[0]
print(s["ID"], s["ParentStudy"], s["MainDicomTags"]["SeriesInstanceUID"])')
study=$(curl -sf "$rest/studies/$study" | /usr/bin/python3 -Es -c 'import json, sys; print(json.load(sys.stdin)["MainDicomTags"]["StudyInstanceUID"])')
curl -sf "$rest/series/$sid" | /usr/bin/python3 -Es -c '
import json, sys
for i in json.load(sys.stdin)["Instances"]:
    print("url = \"'"$rest"'/instances/%s/file\"\noutput = \"'"$out"'/rest-files/%s.dcm\"" % (i, i))' >"$out/instances.curl"

export JDK_JAVA_OPTIONS="-Dhardy.home=$out/home"
rm -rf "$out/home"
bin/hardy pacs servers add bench "$rest/dicom-web" >/dev/null 2>&1

now() { date +%s%N; }
declare -A times cpu
run() {  # name, command...: wall ms, and CPU ms (user + system of the command and its children)
    local name=$1; shift
    local t0 c0 c1; t0=$(now)
    times >"$out/times.txt"; c0=$(cpu_ms)
    "$@" >/dev/null 2>>"$out/bench.log"
    times >"$out/times.txt"; c1=$(cpu_ms)
    times[$name]+="$(( ($(now) - t0) / 1000000 )) "
    cpu[$name]+="$(( c1 - c0 )) "
}
# CPU time of this shell's finished children, in ms, from bash's `times` (run in this shell, not a subshell,
# into times.txt; its second line is the children's user and system time).
cpu_ms() {
    tail -1 "$out/times.txt" | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }'
}
hardy_get() { rm -rf "$out/get"; bin/hardy pacs get --server bench "$study" "$series" -o "$out/get"; }
rest_files() { rm -rf "$out/rest-files"; mkdir -p "$out/rest-files"; curl -sf -K "$out/instances.curl"; }
rest_zip() { curl -sf -o "$out/series.zip" "$rest/series/$sid/archive"; }
wado_curl() { curl -sf -o "$out/wado.multipart" -H 'Accept: multipart/related; type="application/dicom"; transfer-syntax=*' \
    "$rest/dicom-web/studies/$study/series/$series"; }

echo "bench-pacs: warm-up" >&2
hardy_get >/dev/null 2>&1; rest_files; rest_zip; wado_curl
for r in $(seq 1 "$rounds"); do
    echo "bench-pacs: round $r of $rounds" >&2
    run A hardy_get; run B rest_files; run C rest_zip; run D wado_curl
done

# The same 200 files, byte for byte, by both routes.
n=$(ls "$out/get" | wc -l)
[ "$n" -eq 200 ] || { echo "bench-pacs: hardy retrieved $n files, not 200" >&2; exit 1; }
a_sum=$(for f in "$out"/get/*; do sha256sum <"$f"; done | sort | sha256sum | cut -c1-16)
b_sum=$(for f in "$out"/rest-files/*; do sha256sum <"$f"; done | sort | sha256sum | cut -c1-16)
[ "$a_sum" = "$b_sum" ] || { echo "bench-pacs: the files differ from Orthanc's own" >&2; exit 1; }
bytes_a=$(du -cb "$out"/get/* | tail -1 | cut -f1)
bytes_b=$(du -cb "$out"/rest-files/* | tail -1 | cut -f1)
[ "$bytes_a" -eq "$bytes_b" ] || { echo "bench-pacs: sizes differ: $bytes_a vs $bytes_b" >&2; exit 1; }

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ma=$(echo "${times[A]}" | median); mb=$(echo "${times[B]}" | median)
mc=$(echo "${times[C]}" | median); md=$(echo "${times[D]}" | median)
ca=$(echo "${cpu[A]}" | median); cb=$(echo "${cpu[B]}" | median)
cc=$(echo "${cpu[C]}" | median); cd_=$(echo "${cpu[D]}" | median)
printf 'series: 200 slices, 256 x 256 int16, %d bytes, files identical to the REST download (%s), %d rounds\n' "$bytes_a" "$a_sum" "$rounds"
printf '%-62s %11s %10s   %s\n' "command (client side only; the server's CPU is not counted)" "median wall" "client CPU" "all runs, wall (ms)"
printf '%-62s %8s ms %7s ms   %s\n' "A hardy pacs get (WADO-RS, cold JVM, checked, moved into place)" "$ma" "$ca" "${times[A]}"
printf '%-62s %8s ms %7s ms   %s\n' "B Orthanc REST: curl /instances/{id}/file x 200" "$mb" "$cb" "${times[B]}"
printf '%-62s %8s ms %7s ms   %s\n' "C Orthanc REST: curl /series/{id}/archive (ZIP)" "$mc" "$cc" "${times[C]}"
printf '%-62s %8s ms %7s ms   %s\n' "D WADO-RS with curl (the same request as A)" "$md" "$cd_" "${times[D]}"
awk -v a="$ma" -v b="$mb" -v c="$mc" -v d="$md" 'BEGIN {
    printf "ratio A/B (Hardy DICOMweb / Orthanc REST files): %.2f\n", a / b
    printf "ratio A/C (Hardy DICOMweb / Orthanc REST ZIP):   %.2f\n", a / c
    printf "ratio D/B (curl DICOMweb / Orthanc REST files):  %.2f\n", d / b }'
