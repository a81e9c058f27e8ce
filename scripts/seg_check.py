#!/usr/bin/python3 -Es
"""Read a DICOM Segmentation with pydicom, independently of Hardy, and place its frames on a grid.

    seg_check.py SEG.dcm GRID.json OUT.raw

GRID.json describes the source series as the test knows it: {"dims": [nx, ny, nz], "affine_lps": 3x4 rows
(voxel index i, j, k to LPS mm), "study_uid", "frame_of_reference_uid", "series_uid",
"slices": [{"sop_class", "sop_instance", "frame"}] in slice order (frame 0 for single-frame sources)}.

Every frame is placed by its own Plane Position and the shared or per-frame Plane Orientation and Pixel
Measures, through the inverse of the grid's affine; each must land on whole voxel indices. OUT.raw receives the
segment number of every voxel (uint16 little endian, i fastest, then j, then k; 0 where no segment is set), and
stdout a JSON summary (segments, frames, references, copied patient attributes). Any inconsistency (a frame off
the grid, overlapping segments, a wrong reference) is printed on stderr with exit code 1.
"""
import json
import sys

import numpy as np
import pydicom


def fail(msg):
    print("seg_check: " + msg, file=sys.stderr)
    sys.exit(1)


def group(ds, fg_index, name):
    """The first item of functional group `name` for frame fg_index: per-frame, else shared."""
    for seq in (ds.PerFrameFunctionalGroupsSequence[fg_index], ds.SharedFunctionalGroupsSequence[0]):
        if name in seq:
            return seq[name][0]
    fail(f"frame {fg_index + 1} has no {name}")


def code(seq):
    item = seq[0]
    return [item.CodeValue, item.CodingSchemeDesignator, item.CodeMeaning]


def main(seg_path, grid_path, out_path):
    grid = json.load(open(grid_path))
    ds = pydicom.dcmread(seg_path)
    if ds.SOPClassUID != "1.2.840.10008.5.1.4.1.1.66.4":
        fail("not a Segmentation: " + ds.SOPClassUID)
    if ds.SegmentationType != "BINARY":
        fail("not BINARY: " + ds.SegmentationType)
    if ds.StudyInstanceUID != grid["study_uid"]:
        fail("StudyInstanceUID differs from the source's")
    if ds.FrameOfReferenceUID != grid["frame_of_reference_uid"]:
        fail("FrameOfReferenceUID differs from the source's")
    nx, ny, nz = grid["dims"]
    if ds.Rows != ny or ds.Columns != nx:
        fail(f"frames are {ds.Columns} x {ds.Rows}, the grid {nx} x {ny}")
    a = np.array(grid["affine_lps"], dtype=float)
    inv = np.linalg.inv(np.vstack([a, [0, 0, 0, 1]]))
    frames = ds.pixel_array.reshape(int(ds.NumberOfFrames), ds.Rows, ds.Columns)
    out = np.zeros((nz, ny, nx), dtype="<u2")
    slices = grid["slices"]
    referenced = {i.ReferencedSOPInstanceUID
                  for s in ds.ReferencedSeriesSequence if s.SeriesInstanceUID == grid["series_uid"]
                  for i in s.ReferencedInstanceSequence}
    if referenced != {s["sop_instance"] for s in slices}:
        fail("ReferencedSeriesSequence does not list exactly the source instances")
    rows, cols = np.mgrid[0:ds.Rows, 0:ds.Columns]
    for f in range(frames.shape[0]):
        segment = group(ds, f, "SegmentIdentificationSequence").ReferencedSegmentNumber
        ipp = np.array(group(ds, f, "PlanePositionSequence").ImagePositionPatient, dtype=float)
        iop = np.array(group(ds, f, "PlaneOrientationSequence").ImageOrientationPatient, dtype=float)
        ps = np.array(group(ds, f, "PixelMeasuresSequence").PixelSpacing, dtype=float)
        world = (ipp[:, None, None] + iop[:3, None, None] * ps[1] * cols[None] + iop[3:, None, None] * ps[0] * rows[None])
        ijk = np.tensordot(inv[:3, :3], world, axes=1) + inv[:3, 3][:, None, None]
        idx = np.rint(ijk).astype(int)
        if np.abs(ijk - idx).max() > 1e-3:
            fail(f"frame {f + 1} is off the grid by {np.abs(ijk - idx).max():.4f} voxel")
        if idx.min() < 0 or (idx[0] >= nx).any() or (idx[1] >= ny).any() or (idx[2] >= nz).any():
            fail(f"frame {f + 1} lies outside the grid")
        k = int(idx[2, 0, 0])
        src = group(ds, f, "DerivationImageSequence").SourceImageSequence[0]
        if src.ReferencedSOPInstanceUID != slices[k]["sop_instance"]:
            fail(f"frame {f + 1} is derived from another instance than slice {k}")
        if slices[k]["frame"] and int(src.ReferencedFrameNumber) != slices[k]["frame"]:
            fail(f"frame {f + 1} references frame {src.ReferencedFrameNumber}, slice {k} is {slices[k]['frame']}")
        on = frames[f] != 0
        target = out[idx[2][on], idx[1][on], idx[0][on]]
        if (target != 0).any():
            fail(f"frame {f + 1} overlaps another segment")
        out[idx[2][on], idx[1][on], idx[0][on]] = segment
    out.tofile(out_path)
    segments = [{
        "number": int(s.SegmentNumber),
        "label": str(s.SegmentLabel),
        "description": str(s.get("SegmentDescription", "")),
        "algorithm_type": str(s.SegmentAlgorithmType),
        "algorithm_name": str(s.get("SegmentAlgorithmName", "")),
        "cielab": [int(v) for v in s.RecommendedDisplayCIELabValue],
        "category": code(s.SegmentedPropertyCategoryCodeSequence),
        "type": code(s.SegmentedPropertyTypeCodeSequence),
    } for s in ds.SegmentSequence]
    patient = {e.keyword: str(e.value) for e in ds if e.tag.group == 0x0010}
    json.dump({"frames": int(ds.NumberOfFrames), "segments": segments, "patient": patient,
               "charset": str(ds.get("SpecificCharacterSet", "")), "generator": "pydicom " + pydicom.__version__},
              sys.stdout)


if __name__ == "__main__":
    main(*sys.argv[1:4])
