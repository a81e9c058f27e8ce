"""Summarises the ERM-vs-HWS runs of scripts/experiments/erm-vs-hws.sh as Markdown tables.

    python3 scripts/experiments/summarise.py OUT_DIR [COLUMN]

COLUMN is the cases.csv column that groups the test cases: subgroup (default) or contrast.

Reads OUT_DIR/eval-ARM-seedS.csv (hardy evaluate --csv: case,label,dice,hd95_mm,volume_similarity) and
OUT_DIR/test/cases.csv (case, subgroup). Per run and subgroup: the mean, 10th percentile (linear interpolation, as
numpy's default) and worst of the per-case Dice averaged over the labels, and the mean, 90th percentile and worst of
the per-case HD95 averaged over the labels where it is defined. Across seeds: the mean and the seed-to-seed
standard deviation of each figure. Then the criterion set before the runs: HWS must raise the rare subgroups'
10th-percentile Dice without lowering the overall mean Dice by more than 0.01.
"""
import csv
import glob
import math
import os
import re
import statistics
import sys
from collections import defaultdict

GROUPS = ["normal", "ventriculomegaly", "agenesis_cc", "all"]
RARE = ["ventriculomegaly", "agenesis_cc"]
COLUMN = sys.argv[2] if len(sys.argv) > 2 else "subgroup"
if COLUMN != "subgroup":
    GROUPS = ["t2", "random", "all"]
    RARE = []


def percentile(values, q):
    v = sorted(values)
    if not v:
        return math.nan
    pos = (len(v) - 1) * q
    lo = math.floor(pos)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (pos - lo)


def case_key(name):
    return re.sub(r"(_image|_labels|_seg)?(\.nii(\.gz)?)?$", "", os.path.basename(name))


def load_groups(path):
    with open(path, newline="") as f:
        return {case_key(row["case"]): row[COLUMN] for row in csv.DictReader(f)}


def load_run(path):
    dice = defaultdict(dict)
    hd = defaultdict(dict)
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            c = case_key(row["case"])
            label = int(row["label"])
            dice[c][label] = float(row["dice"])
            h = float(row["hd95_mm"]) if row["hd95_mm"] not in ("", "NaN", "nan") else math.nan
            hd[c][label] = h
    return dice, hd


def run_stats(dice, hd, groups):
    per_case = {}
    for c in dice:
        d = statistics.fmean(dice[c].values())
        hs = [h for h in hd[c].values() if not math.isnan(h)]
        per_case[c] = (d, statistics.fmean(hs) if hs else math.nan)
    out = {}
    for g in GROUPS:
        cases = [c for c in per_case if g == "all" or groups.get(c) == g]
        ds = [per_case[c][0] for c in cases]
        hs = [per_case[c][1] for c in cases if not math.isnan(per_case[c][1])]
        out[g] = {"n": len(cases), "dice_mean": statistics.fmean(ds) if ds else math.nan,
                  "dice_p10": percentile(ds, 0.10), "dice_worst": min(ds) if ds else math.nan,
                  "hd_mean": statistics.fmean(hs) if hs else math.nan, "hd_p90": percentile(hs, 0.90),
                  "hd_worst": max(hs) if hs else math.nan}
    labels = sorted({l for c in dice for l in dice[c]})
    out["labels"] = {l: statistics.fmean(dice[c][l] for c in dice if l in dice[c]) for l in labels}
    return out


def fmt(values, digits=3):
    values = [v for v in values if not math.isnan(v)]
    if not values:
        return "n/a"
    if len(values) == 1:
        return f"{values[0]:.{digits}f}"
    return f"{statistics.fmean(values):.{digits}f} ± {statistics.stdev(values):.{digits}f}"


def main(out_dir):
    groups = load_groups(os.path.join(out_dir, "test", "cases.csv"))
    runs = defaultdict(dict)
    for path in sorted(glob.glob(os.path.join(out_dir, "eval-*-seed*.csv"))):
        m = re.match(r"eval-(.+)-seed(\d+)\.csv", os.path.basename(path))
        runs[m.group(1)][int(m.group(2))] = run_stats(*load_run(path), groups)
    print("Per-case Dice is the mean over the labels; figures are the mean ± SD over seeds (one value: one seed).\n")
    for arm, seeds in runs.items():
        print(f"### {arm} (seeds {', '.join(str(s) for s in sorted(seeds))})\n")
        print(f"| {COLUMN} | n | mean Dice | p10 Dice | worst Dice | mean HD95 mm | p90 HD95 | worst HD95 |")
        print("|---|---|---|---|---|---|---|---|")
        for g in GROUPS:
            st = [seeds[s][g] for s in sorted(seeds)]
            print(f"| {g} | {st[0]['n']} | {fmt([x['dice_mean'] for x in st])} | {fmt([x['dice_p10'] for x in st])}"
                  f" | {fmt([x['dice_worst'] for x in st])} | {fmt([x['hd_mean'] for x in st], 2)}"
                  f" | {fmt([x['hd_p90'] for x in st], 2)} | {fmt([x['hd_worst'] for x in st], 2)} |")
        labels = sorted(seeds[next(iter(seeds))]["labels"])
        print("\n| label | " + " | ".join(str(l) for l in labels) + " |")
        print("|---|" + "---|" * len(labels))
        print("| mean Dice | " + " | ".join(fmt([seeds[s]["labels"][l] for s in seeds]) for l in labels) + " |\n")
    if "erm" in runs and "hws" in runs and RARE:
        erm, hws = runs["erm"], runs["hws"]
        print("### Criterion (set before the runs)\n")
        ok = True
        for g in RARE:
            e = statistics.fmean(erm[s][g]["dice_p10"] for s in erm)
            h = statistics.fmean(hws[s][g]["dice_p10"] for s in hws)
            ok &= h > e
            print(f"- {g}: p10 Dice ERM {e:.3f}, HWS {h:.3f} ({'raised' if h > e else 'not raised'})")
        e = statistics.fmean(erm[s]["all"]["dice_mean"] for s in erm)
        h = statistics.fmean(hws[s]["all"]["dice_mean"] for s in hws)
        ok &= h >= e - 0.01
        print(f"- overall mean Dice: ERM {e:.3f}, HWS {h:.3f} (difference {h - e:+.3f}; allowed -0.010)")
        print(f"\n**Criterion {'met' if ok else 'not met'}.**")


if __name__ == "__main__":
    main(sys.argv[1])
