"""Keeps the largest 6-connected piece of the foreground of every label map in a folder, with scipy.ndimage.

    python3 scripts/experiments/largest_component.py IN_DIR OUT_DIR

An independent reference for Hardy's `largestForegroundComponent` step (docs/model-card.md): segment once with
`hardy segment --no-postprocess`, then this gives the post-processed maps without segmenting again, and
`cmp`-ing them with `hardy segment`'s own output checks Hardy's step. Files are *.nii.gz; the header is kept.
"""
import os
import sys

import nibabel as nib
import numpy as np
from scipy import ndimage


def main(src, dst):
    os.makedirs(dst, exist_ok=True)
    for name in sorted(os.listdir(src)):
        if not name.endswith(".nii.gz"):
            continue
        img = nib.load(os.path.join(src, name))
        data = np.asanyarray(img.dataobj)
        pieces, count = ndimage.label(data > 0)  # default structure: 6-connectivity in 3D
        removed = 0
        if count > 1:
            sizes = np.bincount(pieces.ravel())
            sizes[0] = 0
            keep = int(np.argmax(sizes))
            outside = (pieces != keep) & (pieces > 0)
            removed = int(outside.sum())
            data = data.copy()
            data[outside] = 0
        out = nib.Nifti1Image(data, img.affine, img.header)
        nib.save(out, os.path.join(dst, name))
        print(f"{name}: {count} pieces, removed {removed} voxels")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
