#!/usr/bin/env bash
# Cold start of a one-shot command: `hardy --version`, wall time of the whole process, median of RUNS runs each,
# alternating the variants so that a change in machine load hits them alike (docs/benchmarks.md, "Start-up").
#
#   bash scripts/bench-startup.sh [RUNS]      (after ./mvnw package; RUNS defaults to 20)
#
# Variants: the bare JVM (`java -version`), the jar with the JVM flags bin/hardy uses but without the class-data
# archive, the same with the archive (target/hardy.jsa), and bin/hardy itself (archive plus the script's own cost).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-20}
java=${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25-openjdk* 2>/dev/null | head -n1)}/bin/java
[ -f target/hardy.jar ] && [ -f target/hardy.jsa ] || { echo "run ./mvnw package first" >&2; exit 1; }
flags=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:MaxRAMPercentage=75)

names=("java -version" "jar, no archive" "jar + archive" "bin/hardy")
run() {
    case $1 in
        0) "$java" -version ;;
        1) "$java" "${flags[@]}" -jar target/hardy.jar --version ;;
        2) "$java" "${flags[@]}" -XX:SharedArchiveFile=target/hardy.jsa '-Xlog:cds*=off' -jar target/hardy.jar --version ;;
        3) bin/hardy --version ;;
    esac
}

declare -A times
for v in 0 1 2 3; do run "$v" > /dev/null 2>&1; done # warm the file cache
for ((r = 0; r < runs; r++)); do
    for v in 0 1 2 3; do
        start=$(date +%s%N)
        run "$v" > /dev/null 2>&1
        end=$(date +%s%N)
        times[$v]+="$(( (end - start) / 1000000 )) "
    done
done
echo "median wall ms of $runs runs (min-max), load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
for v in 0 1 2 3; do
    sorted=$(tr ' ' '\n' <<< "${times[$v]}" | grep . | sort -n)
    printf '%-18s %6s ms  (%s-%s)\n' "${names[$v]}" "$(sed -n "$(( (runs + 1) / 2 ))p" <<< "$sorted")" \
        "$(head -n1 <<< "$sorted")" "$(tail -n1 <<< "$sorted")"
done
