"""Independent expectations for Hardy's segmentation metrics, computed with numpy and scipy.

    /usr/bin/python3 -Es scripts/eval_reference.py OUT_DIR

Writes OUT_DIR/pairNN_truth.nii.gz, OUT_DIR/pairNN_pred.nii.gz (label maps of smooth random blobs, labels 1-7,
on grids with anisotropic spacing, including labels missing from one or both maps) and OUT_DIR/expectations.json
with Dice, HD95 and volume similarity per pair and label.

HD95 follows MONAI's compute_hausdorff_distance(percentile=95, directed=False): surface = mask XOR its binary
erosion (6-connected structure, outside the grid counts as background); distances from each surface voxel of one
mask to the nearest surface voxel of the other with scipy.ndimage.distance_transform_edt(sampling=spacing);
numpy.percentile (linear) of each directed set; the larger of the two. Written from that description, without
MONAI (not packaged in Debian).
"""
import os
import sys

import nibabel as nib
import numpy as np
from scipy import ndimage

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from interop_json import write_json_atomic  # noqa: E402  the repository's shared JSON helper


def surface(mask):
    eroded = ndimage.binary_erosion(mask, structure=ndimage.generate_binary_structure(3, 1), border_value=0)
    return mask & ~eroded


def metrics(truth, pred, label, spacing):
    t = truth == label
    p = pred == label
    nt, np_ = int(t.sum()), int(p.sum())
    if nt == 0 and np_ == 0:
        return {"dice": 1.0, "hd95": 0.0, "vs": 1.0}
    dice = 2.0 * int((t & p).sum()) / (nt + np_)
    vs = 1.0 - abs(nt - np_) / (nt + np_)
    if nt == 0 or np_ == 0:
        return {"dice": dice, "hd95": None, "vs": vs}
    st, sp = surface(t), surface(p)
    dt_t = ndimage.distance_transform_edt(~st, sampling=spacing)
    dt_p = ndimage.distance_transform_edt(~sp, sampling=spacing)
    hd = max(np.percentile(dt_t[sp], 95), np.percentile(dt_p[st], 95))
    return {"dice": dice, "hd95": float(hd), "vs": vs}


def blob_labels(rng, shape, spacing, shift_mm, drop):
    """Nested, smoothly deformed ellipsoids: 7 labels, like a brain's layers, in mm coordinates."""
    grid = np.stack(np.meshgrid(*[(np.arange(n) - (n - 1) / 2) * s for n, s in zip(shape, spacing)],
                                indexing="ij"))
    noise = ndimage.gaussian_filter(rng.standard_normal((3,) + shape), sigma=[0] + [4.0 / s for s in spacing])
    noise /= np.abs(noise).max() + 1e-9
    pts = grid + 3.0 * noise + np.array(shift_mm).reshape(3, 1, 1, 1)
    ext = np.array([n * s for n, s in zip(shape, spacing)]) / 2
    r = np.sqrt(((pts / (0.8 * ext).reshape(3, 1, 1, 1)) ** 2).sum(0))
    labels = np.zeros(shape, np.uint8)
    for label, radius in zip(range(1, 8), [1.0, 0.85, 0.7, 0.5, 0.35, 0.22, 0.1]):
        labels[r < radius] = label
    for label in drop:
        labels[labels == label] = 0
    return labels


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(20261128)
    setups = [((40, 44, 36), (1.0, 1.0, 1.0), [], []),
              ((48, 48, 14), (0.8, 0.8, 3.5), [], []),
              ((36, 50, 30), (0.5, 1.2, 2.0), [6], []),          # label 6 only in the truth
              ((42, 40, 38), (0.8, 0.8, 0.8), [], [7]),           # label 7 only in the truth (dropped in pred)
              ((30, 32, 34), (1.5, 0.7, 1.1), [3], [3]),          # label 3 in neither
              ((52, 46, 20), (0.9, 1.1, 2.6), [], [])]
    pairs = []
    for n, (shape, spacing, drop_both, drop_pred) in enumerate(setups):
        seed_t, seed_p = rng.integers(0, 2**31, size=2)
        truth = blob_labels(np.random.default_rng(seed_t), shape, spacing, (0, 0, 0), drop_both)
        pred = blob_labels(np.random.default_rng(seed_p), shape, spacing, tuple(rng.uniform(-2, 2, 3)),
                           drop_both + drop_pred)
        affine = np.diag(list(spacing) + [1.0])
        affine[:3, 3] = rng.uniform(-50, 50, 3)
        name = f"pair{n:02d}"
        nib.save(nib.Nifti1Image(truth, affine), os.path.join(out, name + "_truth.nii.gz"))
        nib.save(nib.Nifti1Image(pred, affine), os.path.join(out, name + "_pred.nii.gz"))
        # the spacing the file holds (float32), which is what a reader of the file sees
        stored = [float(z) for z in nib.load(os.path.join(out, name + "_truth.nii.gz")).header.get_zooms()]
        pairs.append({"name": name, "truth": name + "_truth.nii.gz", "pred": name + "_pred.nii.gz",
                      "spacing": stored,
                      "labels": {str(label): metrics(truth, pred, label, stored) for label in range(1, 8)}})
    import scipy
    write_json_atomic({"generator": f"numpy {np.__version__}, scipy {scipy.__version__}, nibabel {nib.__version__}",
                       "pairs": pairs}, os.path.join(out, "expectations.json"))
    print(f"eval_reference: {len(pairs)} label map pairs and scipy's metrics in {out}")


if __name__ == "__main__":
    main()
