#!/usr/bin/python3 -Es
"""Write a DICOM Segmentation of a series with pydicom alone (an independent writer, not Hardy's).

    make_seg_pydicom.py SOURCE_DIR OUT.dcm OUT.raw MODE

MODE is "binary" (two segments, one frame per slice and segment, Implicit VR Little Endian, segment frames in
reversed slice order), "fractional" (8-bit occupancy 0..200 with Maximum Fractional Value 200) or "overlap" (two
binary segments that share voxels). The frames carry the source slices' own positions and the series'
orientation and spacing. OUT.raw receives the expected label map (uint16 little endian, i fastest, in the source's
slice order along the normal): segment number, or for "overlap" the higher segment number where both are set, and
for "fractional" the segment whose occupancy is at least half of the maximum. Prints the segments as JSON.
"""
import glob
import json
import sys

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ImplicitVRLittleEndian, ExplicitVRLittleEndian, generate_uid

SEG = "1.2.840.10008.5.1.4.1.1.66.4"


def code(value, scheme, meaning):
    c = Dataset()
    c.CodeValue, c.CodingSchemeDesignator, c.CodeMeaning = value, scheme, meaning
    return c


def main(source_dir, out, out_raw, mode):
    slices = [pydicom.dcmread(f) for f in sorted(glob.glob(source_dir + "/*"))]
    iop = np.array(slices[0].ImageOrientationPatient, dtype=float)
    normal = np.cross(iop[:3], iop[3:])
    slices.sort(key=lambda s: float(np.dot(normal, np.array(s.ImagePositionPatient, dtype=float))))
    rows, cols, nz = slices[0].Rows, slices[0].Columns, len(slices)
    j, i = np.mgrid[0:rows, 0:cols]
    masks = []  # (segment number, k, frame array)
    expected = np.zeros((nz, rows, cols), dtype="<u2")
    for k in range(nz):
        a = ((i + j + k) % 3 == 1)
        b = ((i * j + k) % 4 == 2) if mode != "overlap" else ((i + 2 * k) % 3 == 1)
        if mode != "overlap":
            b &= ~a
        if mode == "fractional":
            fa = np.where(a, 200, np.where((i + k) % 2 == 0, 99, 0)).astype(np.uint8)  # 99 < 100: not labelled
            fb = np.where(b, 100, 0).astype(np.uint8)                                  # 100 = half: labelled
            masks += [(1, k, fa), (2, k, fb)]
        else:
            masks += [(1, k, a.astype(np.uint8)), (2, k, b.astype(np.uint8))]
        expected[k][a] = 1
        expected[k][b] = 2
    expected.tofile(out_raw)
    masks.sort(key=lambda m: (m[0], -m[1]))

    ds = Dataset()
    ds.SOPClassUID = SEG
    ds.SOPInstanceUID = generate_uid()
    ds.Modality = "SEG"
    for kw in ("PatientName", "PatientID", "StudyInstanceUID", "FrameOfReferenceUID"):
        setattr(ds, kw, getattr(slices[0], kw))
    ds.SeriesInstanceUID = generate_uid()
    ds.SeriesNumber = 99
    ds.InstanceNumber = 1
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows, ds.Columns = rows, cols
    ds.NumberOfFrames = len(masks)
    ds.PixelRepresentation = 0
    if mode == "fractional":
        ds.SegmentationType = "FRACTIONAL"
        ds.SegmentationFractionalType = "OCCUPANCY"
        ds.MaximumFractionalValue = 200
        ds.BitsAllocated, ds.BitsStored, ds.HighBit = 8, 8, 7
        pixels = np.stack([m[2] for m in masks]).tobytes()
    else:
        ds.SegmentationType = "BINARY"
        ds.BitsAllocated, ds.BitsStored, ds.HighBit = 1, 1, 0
        bits = np.stack([m[2] for m in masks]).astype(np.uint8).ravel()
        pixels = np.packbits(bits, bitorder="little").tobytes()
    ds.PixelData = pixels + (b"\0" if len(pixels) % 2 else b"")
    segs = []
    for number, label, lab in ((1, "Hippocampus", [40000, 50000, 30000]), (2, "Amygdala", [60000, 32896, 32896])):
        s = Dataset()
        s.SegmentNumber = number
        s.SegmentLabel = label
        s.SegmentAlgorithmType = "MANUAL"
        s.RecommendedDisplayCIELabValue = lab
        s.SegmentedPropertyCategoryCodeSequence = Sequence([code("123037004", "SCT", "Anatomical Structure")])
        s.SegmentedPropertyTypeCodeSequence = Sequence([code("5366008" if number == 1 else "4958002", "SCT",
                                                             label)])
        segs.append(s)
    ds.SegmentSequence = Sequence(segs)
    ref = Dataset()
    ref.SeriesInstanceUID = slices[0].SeriesInstanceUID
    inst = []
    for s in slices:
        r = Dataset()
        r.ReferencedSOPClassUID, r.ReferencedSOPInstanceUID = s.SOPClassUID, s.SOPInstanceUID
        inst.append(r)
    ref.ReferencedInstanceSequence = Sequence(inst)
    ds.ReferencedSeriesSequence = Sequence([ref])
    shared = Dataset()
    po = Dataset()
    po.ImageOrientationPatient = slices[0].ImageOrientationPatient
    pm = Dataset()
    pm.PixelSpacing = slices[0].PixelSpacing
    pm.SliceThickness = 1
    shared.PlaneOrientationSequence = Sequence([po])
    shared.PixelMeasuresSequence = Sequence([pm])
    ds.SharedFunctionalGroupsSequence = Sequence([shared])
    per = []
    for number, k, _ in masks:
        fg = Dataset()
        pp = Dataset()
        pp.ImagePositionPatient = slices[k].ImagePositionPatient
        fg.PlanePositionSequence = Sequence([pp])
        si = Dataset()
        si.ReferencedSegmentNumber = number
        fg.SegmentIdentificationSequence = Sequence([si])
        per.append(fg)
    ds.PerFrameFunctionalGroupsSequence = Sequence(per)
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = SEG
    meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    meta.TransferSyntaxUID = ExplicitVRLittleEndian if mode == "fractional" else ImplicitVRLittleEndian
    ds.file_meta = meta
    ds.is_little_endian = True
    ds.is_implicit_VR = meta.TransferSyntaxUID == ImplicitVRLittleEndian
    ds.preamble = b"\0" * 128
    pydicom.dcmwrite(out, ds, write_like_original=False)
    json.dump({"segments": [{"number": int(s.SegmentNumber), "label": s.SegmentLabel,
                             "cielab": list(s.RecommendedDisplayCIELabValue)} for s in segs]}, sys.stdout)


if __name__ == "__main__":
    main(*sys.argv[1:5])
