#!/usr/bin/python3
"""Write nibabel's reading of every NIfTI file under ROOT to OUT.json.

Usage: /usr/bin/python3 scripts/nibabel_expectations.py ROOT OUT.json

The expectations are produced by nibabel (Debian's python3-nibabel), never by
Hardy: Hardy's interop tests compare what Hardy reads against this file.

A file counts as NIfTI when its header (after gunzip for .gz) carries the
NIfTI-1 magic "n+1"/"ni1" at byte 344, or the NIfTI-2 magic "n+2"/"ni2" at
byte 4 with sizeof_hdr 540 (either byte order). Candidates are .nii, .nii.gz,
.hdr and .hdr.gz (a pair is listed by its .hdr). Pure ANALYZE 7.5 is skipped.
Each file is loaded with the explicit nibabel class for its magic and
extension (Nifti1Image, Nifti1Pair, Nifti2Image, Nifti2Pair), so e.g. a CIFTI
.dconn.nii is read as plain NIfTI-2.

Header fields come from the header as nibabel reads it from disk (img.header
has scl_slope/scl_inter/vox_offset reset by nibabel after load); "affine" is
img.affine; "vol0" describes volume 0 of get_fdata(), i.e. scaled, float64.
Non-finite floats are written as the strings "NaN", "Infinity", "-Infinity"
so the output is strict JSON. Output is sorted by path and deterministic.
"""
import gzip
import json
import logging
import math
import os
import struct
import sys

import numpy as np
import nibabel as nib
from nibabel.openers import ImageOpener
sys.dont_write_bytecode = True  # no __pycache__ in scripts/
from interop_json import num, write_json_atomic  # noqa: E402

CANDIDATE_SUFFIXES = ('.nii', '.nii.gz', '.hdr', '.hdr.gz')


def read_head(path, n=348):
    opener = gzip.open if path.endswith('.gz') else open
    try:
        with opener(path, 'rb') as f:
            return f.read(n)
    except (OSError, EOFError):
        return b''


def nifti_kind(path):
    """Return 'nifti1', 'nifti2', or None if the file is not NIfTI."""
    if not path.endswith(CANDIDATE_SUFFIXES):
        return None
    h = read_head(path)
    if len(h) >= 348 and h[344:348] in (b'n+1\0', b'ni1\0'):
        return 'nifti1'
    if len(h) >= 8 and h[4:8] in (b'n+2\0', b'ni2\0') and 540 in (
            struct.unpack('<i', h[:4])[0], struct.unpack('>i', h[:4])[0]):
        return 'nifti2'
    return None


def load(path):
    """Load a NIfTI file with the nibabel class matching its magic/extension."""
    if not os.path.isfile(path):
        raise FileNotFoundError(f'no such file: {path}')
    kind = nifti_kind(path)
    if kind is None:
        raise ValueError('not a NIfTI-1/NIfTI-2 file')
    pair = path.endswith(('.hdr', '.hdr.gz'))
    cls = {('nifti1', False): nib.Nifti1Image, ('nifti1', True): nib.Nifti1Pair,
           ('nifti2', False): nib.Nifti2Image, ('nifti2', True): nib.Nifti2Pair}
    return cls[(kind, pair)].from_filename(path), kind


def disk_header(img, path):
    """The header as nibabel reads it from disk (after its check_fix).

    img.header is not used for header fields: nibabel resets scl_slope,
    scl_inter and vox_offset in it once the image is loaded."""
    with ImageOpener(path) as f:
        return img.header_class.from_fileobj(f)


def dtype_name(hdr):
    """numpy name of the on-disk dtype ('int16', ...), NIfTI label for RGB/RGBA."""
    dt = hdr.get_data_dtype()
    return str(hdr.get_value_label('datatype')) if dt.fields else str(dt.newbyteorder('='))


def first_volume(img):
    """Volume 0 (index 0 on every axis beyond 3) as float64, scaled like get_fdata."""
    data = np.asanyarray(img.dataobj, dtype=np.float64)
    if data.ndim < 3:
        data = data.reshape(data.shape + (1,) * (3 - data.ndim))
    return np.ascontiguousarray(data[(slice(None),) * 3 + (0,) * (data.ndim - 3)])


def sample_positions(vol):
    nx, ny, nz = vol.shape
    pos = [(i, j, k) for i in (0, nx - 1) for j in (0, ny - 1) for k in (0, nz - 1)]
    pos.append(((nx - 1) // 2, (ny - 1) // 2, (nz - 1) // 2))
    for m in range(1, 10):  # 9 points spread over the grid
        pos.append(tuple(round(((m * a) % 10) / 10 * (n - 1))
                         for a, n in ((3, nx), (7, ny), (9, nz))))
    if not np.all(np.isnan(vol)):  # first voxel holding the max and the min
        pos.append(np.unravel_index(int(np.nanargmax(vol)), vol.shape))
        pos.append(np.unravel_index(int(np.nanargmin(vol)), vol.shape))
    seen, out = set(), []
    for p in pos:
        p = tuple(int(c) for c in p)
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out


def vol0_stats(vol):
    finite_or_inf = vol[~np.isnan(vol)]
    return {
        'shape': list(vol.shape),
        'min': num(np.min(finite_or_inf)) if finite_or_inf.size else 'NaN',
        'max': num(np.max(finite_or_inf)) if finite_or_inf.size else 'NaN',
        'mean': num(np.mean(finite_or_inf)) if finite_or_inf.size else 'NaN',
        'sum': num(np.sum(finite_or_inf)),
        'nonzero': int(np.count_nonzero(finite_or_inf)),  # NaN not counted
        'nan_count': int(vol.size - finite_or_inf.size),
        'inf_count': int(np.count_nonzero(np.isinf(finite_or_inf))),
        'samples': [[i, j, k, num(vol[i, j, k])] for i, j, k in sample_positions(vol)],
    }


def describe(path, root, log):
    entry = {'path': os.path.relpath(path, root).replace(os.sep, '/'), 'error': None}
    del log[:]
    try:
        img, fmt = load(path)
        hdr = disk_header(img, path)
        dt = hdr.get_data_dtype()
        entry.update({
            'format': fmt,
            'byte_order': 'big' if hdr.endianness == '>' else 'little',
            'shape': [int(n) for n in img.shape],
            'dtype': dtype_name(hdr),
            'dtype_kind': dt.kind,
            'datatype_code': int(hdr['datatype']),
            'intent_code': int(hdr['intent_code']),
            'vox_offset': num(hdr['vox_offset']),
            'sform_code': int(hdr['sform_code']),
            'qform_code': int(hdr['qform_code']),
            'affine': [[num(v) for v in row] for row in img.affine],
            'qform': [[num(v) for v in row] for row in hdr.get_qform()],
            'sform': [[num(v) for v in row] for row in hdr.get_sform()],
            'zooms': [num(z) for z in hdr.get_zooms()[:3]],
        })
        slope, inter = hdr.get_slope_inter()
        entry['scl_slope'] = None if slope is None else num(slope)
        entry['scl_inter'] = None if inter is None else num(inter)
        if dt.fields or dt.kind == 'c':
            entry['vol0'] = None
            entry['unsupported'] = ('structured (RGB/RGBA) dtype' if dt.fields
                                    else 'complex dtype')
        else:
            entry['vol0'] = vol0_stats(first_volume(img))
    except Exception as e:  # record, do not abort: Hardy's tests decide
        entry['error'] = f'{type(e).__name__}: {e}'.replace(root + os.sep, '')
    if log:
        entry['nibabel_log'] = sorted(set(log))
    return entry


class _Collect(logging.Handler):
    def __init__(self, sink):
        super().__init__(logging.DEBUG)
        self.sink = sink

    def emit(self, record):
        self.sink.append(record.getMessage())


def find_nifti(root):
    found = []
    for d, dirs, files in os.walk(root):
        dirs.sort()
        for name in files:
            p = os.path.join(d, name)
            if nifti_kind(p):
                found.append(p)
    return sorted(found, key=lambda p: os.path.relpath(p, root).replace(os.sep, '/'))


def main(argv):
    if len(argv) != 3 or not os.path.isdir(argv[1]):
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    root, out = os.path.abspath(argv[1]), argv[2]
    log = []  # nibabel's header fixes etc. go to the entry, not to stderr
    logger = logging.getLogger('nibabel.global')
    logger.handlers = [_Collect(log)]
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    files = [describe(p, root, log) for p in find_nifti(root)]
    write_json_atomic({'generator': f'nibabel {nib.__version__}', 'files': files}, out)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
