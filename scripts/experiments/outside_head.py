"""Counts labelled voxels a model put outside the fetal head, per case.

    /usr/bin/python3 -Es scripts/experiments/outside_head.py PRED_DIR TRUTH_DIR [MARGIN_MM]   (Debian python3-nibabel, python3-scipy)

For every TRUTH_DIR/NAME_labels.nii.gz with a prediction PRED_DIR/NAME*.nii.gz: the predicted foreground (any
label > 0) farther than MARGIN_MM (default 5 mm, beyond skull and scalp) from the true brain labels, measured in
mm on the image's own grid with scipy's Euclidean distance transform. Such voxels lie in the amniotic fluid, the
uterine wall, the placenta, the fetal body or the mother. Prints one line per case and the total; exit code 1 if
any case has one.
"""
import glob
import os
import sys

import nibabel as nib
import numpy as np
from scipy import ndimage


def main(pred_dir, truth_dir, margin):
    total = 0
    cases = 0
    for truth_path in sorted(glob.glob(os.path.join(truth_dir, "*_labels.nii.gz"))):
        name = os.path.basename(truth_path)[: -len("_labels.nii.gz")]
        preds = sorted(glob.glob(os.path.join(pred_dir, name + "*.nii*")))
        if not preds:
            continue
        truth = nib.load(truth_path)
        pred = nib.load(preds[0])
        if pred.shape != truth.shape or not np.allclose(pred.affine, truth.affine, atol=1e-4):
            print(f"{name}: the prediction is not on the image's grid", file=sys.stderr)
            sys.exit(2)
        spacing = truth.header.get_zooms()[:3]
        distance = ndimage.distance_transform_edt(np.asarray(truth.dataobj) == 0, sampling=spacing)
        outside = int(np.count_nonzero((np.asarray(pred.dataobj) > 0) & (distance > margin)))
        ml = outside * float(np.prod(spacing)) / 1000
        print(f"{name}: {outside} voxels ({ml:.3f} mL) labelled more than {margin:g} mm outside the brain")
        total += outside
        cases += 1
    print(f"total: {total} voxels in {cases} cases")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 5.0))
