"""How much of the hardness signal is the case and how much the patch, from hardy train --loss-log files.

    python3 scripts/experiments/hardness_noise.py LOSSES.csv [LOSSES.csv ...]

Uses the last half of each run's iterations. Each case loss is taken relative to the mean loss of all cases drawn
within +-25 iterations (the training trend), then split into a between-case part (SD of the cases' mean
residuals) and a within-case part (pooled SD of a case's residuals around its own mean: patch and augmentation
noise plus the model's change between visits). With momentum m the sampler averages about (1 + m) / (1 - m)
visits, which divides the within-case variance by that number.
"""
import csv
import math
import statistics
import sys
from collections import defaultdict


def analyse(path):
    rows = []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            rows.append((int(row["iteration"]), row["case"], float(row["loss"])))
    last = max(r[0] for r in rows)
    by_iteration = defaultdict(list)
    for it, _, loss in rows:
        by_iteration[it].append(loss)
    residuals = defaultdict(list)
    for it, case, loss in rows:
        if it <= last // 2:
            continue
        window = [l for j in range(it - 25, it + 26) for l in by_iteration.get(j, [])]
        residuals[case].append(loss - statistics.fmean(window))
    means = {c: statistics.fmean(r) for c, r in residuals.items() if len(r) >= 2}
    between = statistics.stdev(means.values())
    within = math.sqrt(statistics.fmean(statistics.variance(r) for c, r in residuals.items() if len(r) >= 2))
    visits = statistics.fmean(len(r) for r in residuals.values())
    print(f"{path}: iterations {last // 2 + 1}-{last}, {len(means)} cases, {visits:.1f} visits per case; "
          f"between-case SD {between:.3f}, within-case SD {within:.3f} (ratio {between / within:.2f}; "
          f"with momentum 0.9, within / sqrt(19) = {within / math.sqrt(19):.3f})")


if __name__ == "__main__":
    for p in sys.argv[1:]:
        analyse(p)
