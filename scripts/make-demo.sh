#!/usr/bin/env bash
# Writes the demo study in assets/demo: one generated fetal-brain phantom (normal, 27 weeks, 1 mm isotropic,
# 104^3) and its FeTA labels, made by `hardy synth` with a fixed seed, so anyone gets the same files.
#
#   bash scripts/make-demo.sh
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
./mvnw -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/java}
if [ -z "$JAVA" ] || ! "$JAVA" -version 2>&1 | grep -q '"25'; then
    for jdk in /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/java-25-openjdk* /usr/lib/jvm/jdk-25*; do
        if [ -x "$jdk/bin/java" ]; then JAVA=$jdk/bin/java; break; fi
    done
fi
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
"$JAVA" -cp "target/classes:$(cat target/classpath.txt)" hardy.Launcher synth --out "$OUT" --count 1 \
    --seed 2026 --ga 27 --subgroup-share normal=1 --size 104 --spacing 1.0 --noise 0.02 --rotation 5 \
    --thick-slice-share 0 --threads 1
mkdir -p assets/demo
cp "$OUT/case000_image.nii.gz" assets/demo/demo_t2w.nii.gz.part
mv -f assets/demo/demo_t2w.nii.gz.part assets/demo/demo_t2w.nii.gz
cp "$OUT/case000_labels.nii.gz" assets/demo/demo_labels.nii.gz.part
mv -f assets/demo/demo_labels.nii.gz.part assets/demo/demo_labels.nii.gz
ls -l assets/demo
