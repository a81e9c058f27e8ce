#!/usr/bin/env bash
# Automatic biometry against the phantoms' design values (docs/biometry.md): generates N wide phantoms with
# `hardy synth --preset wide`, measures their true labels and the shipped model's labels with `hardy report`, and
# prints the error per measure and the sensitivity/specificity of the ventriculomegaly flag (atrium >= 10 mm).
#
#   bash scripts/experiments/biometry-accuracy.sh [N=24] [OUT=target/biometry-accuracy] [SEED=2026]
#
# Needs the built jar (./mvnw package -DskipTests). Runs niced; about a minute per phantom on two cores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
N=${1:-24}
OUT=${2:-target/biometry-accuracy}
SEED=${3:-2026}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
HARDY=(nice -n 15 "$JAVA" --enable-native-access=ALL-UNNAMED -jar target/hardy.jar)
mkdir -p "$OUT"
if [ ! -f "$OUT/cases/cases.csv" ]; then
    "${HARDY[@]}" synth --preset wide --out "$OUT/cases" --count "$N" --seed "$SEED" --threads 1 \
        --subgroup-share normal=0.5,ventriculomegaly=0.5 > /dev/null
fi
mkdir -p "$OUT/model"
for img in "$OUT"/cases/case*_image.nii.gz; do
    name=$(basename "$img" _image.nii.gz)
    ga=$(awk -F, -v c="$name" '$1 == c {printf "%d+%d", int($3), int(($3 - int($3)) * 7)}' "$OUT/cases/cases.csv")
    [ -f "$OUT/model/${name}_labels.nii.gz" ] ||
        "${HARDY[@]}" segment "$img" -o "$OUT/model/${name}_labels.nii.gz" > /dev/null 2>&1 || true
    "${HARDY[@]}" report "$OUT/cases/${name}_labels.nii.gz" --image "$img" --ga "$ga" -o "$OUT/${name}_truth.pdf" \
        --json "$OUT/${name}_truth.json" > /dev/null 2>"$OUT/${name}_truth.err" || true
    if [ -f "$OUT/model/${name}_labels.nii.gz" ]; then
        "${HARDY[@]}" report "$OUT/model/${name}_labels.nii.gz" --image "$img" --ga "$ga" \
            -o "$OUT/${name}_model.pdf" --json "$OUT/${name}_model.json" > /dev/null 2>"$OUT/${name}_model.err" || true
    fi
done
python3 - "$OUT" <<'PY'
import csv, json, os, sys
out = sys.argv[1]
rows = list(csv.DictReader(open(os.path.join(out, "cases", "cases.csv"))))
pairs = [("bpd", "design_bpd_mm"), ("tcd", "design_tcd_mm"), ("atrial_left", "design_atrial_left_mm"),
         ("atrial_right", "design_atrial_right_mm")]
for source in ("truth", "model"):
    errs = {k: [] for k, _ in pairs}
    failed = []
    tp = fp = tn = fn = 0
    thick = {k: [] for k, _ in pairs}
    for r in rows:
        path = os.path.join(out, f"{r['case']}_{source}.json")
        if not os.path.exists(path):
            failed.append(r["case"])
            continue
        m = {x["key"]: x["value"] for x in json.load(open(path))["measurements"]}
        for k, d in pairs:
            if m.get(k) is not None:
                e = m[k] - float(r[d])
                (thick if r["acquisition"].startswith("thick") and "reconstructed" not in r["acquisition"]
                 else errs)[k].append(e)
        flagged = max(m.get("atrial_left") or 0, m.get("atrial_right") or 0) >= 10
        vm = r["subgroup"] == "ventriculomegaly"
        tp += vm and flagged; fn += vm and not flagged; fp += (not vm) and flagged; tn += (not vm) and not flagged
    print(f"\n== {source} labels: {len(rows) - len(failed)} of {len(rows)} cases measured"
          + (f" (no report for {', '.join(failed)})" if failed else ""))
    for label, group in (("isotropic or reconstructed", errs), ("thick-slice grid", thick)):
        for k, _ in pairs:
            e = group[k]
            if e:
                a = sorted(abs(x) for x in e)
                within = sum(x <= 1.5 for x in a)
                print(f"{label:27s} {k:13s} n={len(e):2d} mean error {sum(e)/len(e):+6.2f} mm, "
                      f"mean |error| {sum(a)/len(a):5.2f}, max |error| {a[-1]:5.2f}, within 1.5 mm {within}/{len(a)}")
    sens = tp / (tp + fn) if tp + fn else float("nan")
    spec = tn / (tn + fp) if tn + fp else float("nan")
    print(f"ventriculomegaly flag (atrium >= 10 mm) vs subgroup: sensitivity {tp}/{tp + fn} = {sens:.2f}, "
          f"specificity {tn}/{tn + fp} = {spec:.2f}")
PY
