#!/usr/bin/python3
"""Write pydicom's reading of every DICOM file under ROOT to OUT.json.

Usage: /usr/bin/python3 -Es scripts/pydicom_expectations.py ROOT OUT.json

The expectations are produced by pydicom (Debian's python3-pydicom, with the
pixel data handlers Debian has: numpy, RLE, GDCM, Pillow), never by Hardy:
Hardy's interop tests compare what Hardy reads against this file.

A file counts as DICOM when it has "DICM" at byte 128 (Part 10), or when it
is a bare data set without preamble that pydicom reads with force=True and
that is clearly DICOM (see dicom_kind). Files are read with force=True; a
file without a transfer syntax in its meta information gets the one pydicom
inferred while reading (implicit/explicit VR, byte order), recorded with
"transfer_syntax_source": "inferred".

Per file: header fields as pydicom reads them (null when absent or empty);
"frames" is NumberOfFrames, or 1 for a file with Rows or pixel data, null
otherwise. "enhanced_geometry" (multi-frame images with functional groups,
else null) has the first/last frame's position, the orientation, pixel
spacing, slice thickness and rescale from the per-frame, else the shared,
functional groups. "pixels" describes ds.pixel_array, i.e. the STORED values before
any rescale, exactly as pydicom's first working handler returns them (so a
colour JPEG may come back as RGB: see "decoder"). Its "samples" are
[frame, row, col, sample, value] (sample is 0 for one-sample images), at
corners, the centre, spread positions and the first max/min. Sums of integer
arrays are exact Python ints. Non-finite floats are the strings "NaN",
"Infinity", "-Infinity". No patient name, ID or other PHI field is written.
Output is sorted by path and deterministic.
"""
import gzip
import json
import logging
import math
import os
import sys
import warnings

import numpy as np
import pydicom
from pydicom import config
from pydicom.datadict import dictionary_has_tag
from pydicom.uid import (UID, ImplicitVRLittleEndian, ExplicitVRLittleEndian,
                         ExplicitVRBigEndian)
sys.dont_write_bytecode = True  # no __pycache__ in scripts/
from interop_json import num, write_json_atomic  # noqa: E402

PIXEL_KEYWORDS = ('PixelData', 'FloatPixelData', 'DoubleFloatPixelData')


# --- what is a DICOM file -------------------------------------------------------

def _looks_like_tag(head):
    """True when the first 4 bytes are a group 0002/0008 tag (either byte order)."""
    if len(head) < 8:
        return False
    le = int.from_bytes(head[0:2], 'little')
    be = int.from_bytes(head[0:2], 'big')
    return le in (0x0002, 0x0008) or be in (0x0002, 0x0008)


def bare_dataset_ok(ds):
    """A data set read with force=True is 'clearly DICOM' when it has at least
    3 top-level elements, every public tag is in pydicom's dictionary and it
    carries a SOP Class UID."""
    try:
        elems = list(ds.keys())
    except Exception:
        return False
    if len(elems) < 3 or 'SOPClassUID' not in ds:
        return False
    for tag in elems:
        if tag.group % 2 == 0 and not dictionary_has_tag(tag):
            return False
    return True


def dicom_kind_of_bytes(data, path_for_read=None):
    """'part10', 'bare' or None for the bytes of a candidate file."""
    if len(data) >= 132 and data[128:132] == b'DICM':
        return 'part10'
    if not _looks_like_tag(data[:8]):
        return None
    from io import BytesIO
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            ds = pydicom.dcmread(BytesIO(data), force=True, stop_before_pixels=True)
    except Exception:
        return None
    return 'bare' if bare_dataset_ok(ds) else None


def dicom_kind(path):
    """'part10', 'bare' or None for a file on disk (not gunzipped)."""
    try:
        with open(path, 'rb') as f:
            head = f.read(132)
            if len(head) >= 132 and head[128:132] == b'DICM':
                return 'part10'
            if not _looks_like_tag(head[:8]):
                return None
            data = head + f.read()
    except OSError:
        return None
    return dicom_kind_of_bytes(data)


# --- values ------------------------------------------------------------------------

def py_scalar(v):
    """numpy scalar -> Python int or JSON-safe float."""
    if isinstance(v, (np.integer, int)) and not isinstance(v, bool):
        return int(v)
    return num(v)


def get_value(ds, keyword):
    """The element's value, or None when absent or empty."""
    try:
        if keyword not in ds:
            return None
        v = ds[keyword].value
    except Exception:
        return None
    if v is None or v == '' or (isinstance(v, (list, tuple, pydicom.multival.MultiValue))
                                and len(v) == 0):
        return None
    return v


def as_int(ds, keyword):
    v = get_value(ds, keyword)
    if v is None:
        return None
    try:
        if isinstance(v, (list, tuple, pydicom.multival.MultiValue)):
            v = v[0]
        return int(v)
    except (TypeError, ValueError):
        return None


def as_float(ds, keyword):
    v = get_value(ds, keyword)
    if v is None:
        return None
    try:
        if isinstance(v, (list, tuple, pydicom.multival.MultiValue)):
            v = v[0]
        return num(v)
    except (TypeError, ValueError):
        return None


def as_floats(ds, keyword):
    v = get_value(ds, keyword)
    if v is None:
        return None
    if not isinstance(v, (list, tuple, pydicom.multival.MultiValue)):
        v = [v]
    try:
        return [num(x) for x in v]
    except (TypeError, ValueError):
        return None


def as_str(ds, keyword):
    v = get_value(ds, keyword)
    if v is None:
        return None
    if isinstance(v, (list, tuple, pydicom.multival.MultiValue)):
        return '\\'.join(str(x) for x in v)
    return str(v)


# --- pixels ----------------------------------------------------------------------

def as_fr_r_c_s(arr, frames, spp):
    """View ds.pixel_array as (frames, rows, cols, samples)."""
    a = arr
    if spp > 1:
        if a.ndim == 3:
            a = a[np.newaxis]
    else:
        if a.ndim == 2:
            a = a[np.newaxis]
        a = a[..., np.newaxis]
    if a.ndim != 4:
        raise ValueError(f'unexpected pixel_array shape {arr.shape} for frames={frames} spp={spp}')
    return a


def sample_positions(a):
    nf, nr, nc, ns = a.shape
    pos = [(f, r, c, 0) for f in (0, nf - 1) for r in (0, nr - 1) for c in (0, nc - 1)]
    pos.append((nf // 2, nr // 2, nc // 2, ns - 1))
    for m in range(1, 10):  # 9 points spread over the grid
        pos.append((round(((m * 3) % 10) / 10 * (nf - 1)), round(((m * 7) % 10) / 10 * (nr - 1)),
                    round(((m * 9) % 10) / 10 * (nc - 1)), m % ns))
    flat = a.reshape(-1)
    if a.dtype.kind == 'f':
        ok = ~np.isnan(flat)
        if ok.any():
            pos.append(np.unravel_index(int(np.nanargmax(flat)), a.shape))
            pos.append(np.unravel_index(int(np.nanargmin(flat)), a.shape))
    elif flat.size:
        pos.append(np.unravel_index(int(np.argmax(flat)), a.shape))
        pos.append(np.unravel_index(int(np.argmin(flat)), a.shape))
    seen, out = set(), []
    for p in pos:
        p = tuple(int(x) for x in p)
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out


def pixel_stats(arr, frames, spp):
    a = as_fr_r_c_s(arr, frames, spp)
    out = {'shape': [int(n) for n in arr.shape],
           'dtype': str(arr.dtype.newbyteorder('='))}  # 'int16' also for a big endian '>i2'
    if arr.dtype.kind in 'iub':
        out['min'] = int(arr.min())
        out['max'] = int(arr.max())
        # exact: int64 accumulation cannot overflow for these sizes (< 2^31 values < 2^32)
        out['sum'] = int(np.sum(arr, dtype=np.int64)) if arr.dtype != np.uint64 else int(
            sum(int(x) for x in arr.reshape(-1)))
    else:
        finite = arr[~np.isnan(arr)]
        out['min'] = num(finite.min()) if finite.size else 'NaN'
        out['max'] = num(finite.max()) if finite.size else 'NaN'
        out['sum'] = num(np.sum(finite, dtype=np.float64))
    out['samples'] = [[f, r, c, s, py_scalar(a[f, r, c, s])] for f, r, c, s in sample_positions(a)]
    return out


def handler_versions():
    """'Numpy', 'GDCM 3.0.21', ... for the handlers that are available."""
    names = []
    for h in config.pixel_data_handlers:
        if h is None or not h.is_available():
            continue
        name = h.HANDLER_NAME
        try:
            if name == 'GDCM':
                import gdcm
                name += ' ' + gdcm.Version.GetVersion()
            elif name == 'Pillow':
                import PIL
                name += ' ' + PIL.__version__
            elif name == 'Numpy':
                name += ' ' + np.__version__
        except Exception:
            pass
        names.append(name)
    return names


STABILITY_DECODES = 3


def decode(ds, reread):
    """(array, handler name) like ds.pixel_array, trying handlers in pydicom's order.

    Same as pydicom's Dataset._convert_pixel_data_without_handler, but it says
    which handler worked and what the others said, and a compressed syntax is
    decoded STABILITY_DECODES times (reread() gives a fresh data set): a
    handler whose values change between decodes (GDCM on a corrupt JPEG 2000
    stream returns uninitialised memory) counts as failed."""
    ts = ds.file_meta.TransferSyntaxUID
    handlers = [h for h in config.pixel_data_handlers
                if h is not None and h.supports_transfer_syntax(ts)]
    if not handlers:
        raise NotImplementedError(f'no pixel data handler supports {ts} ({ts.name})')
    available = [h for h in handlers if h.is_available()]
    if not available:
        raise RuntimeError('handlers missing dependencies: '
                           + ', '.join(h.HANDLER_NAME for h in handlers))
    errors = []
    for h in available:
        try:
            ds._do_pixel_data_conversion(h)
            arr = ds.pixel_array
            if ts.is_compressed:
                for _ in range(STABILITY_DECODES - 1):
                    again = reread()
                    again._do_pixel_data_conversion(h)
                    if not np.array_equal(arr, again.pixel_array, equal_nan=arr.dtype.kind == 'f'):
                        raise ValueError('unstable: different pixel values on decoding the same '
                                         'file again (corrupt data decoded into uninitialised memory?)')
            return arr, h.HANDLER_NAME
        except Exception as e:
            errors.append(f'{h.HANDLER_NAME}: {type(e).__name__}: {e}')
    raise RuntimeError('; '.join(errors))


# --- one file ----------------------------------------------------------------------

INFERRED_TS = {(True, True): ImplicitVRLittleEndian, (False, True): ExplicitVRLittleEndian,
               (False, False): ExplicitVRBigEndian}


def clean(msg, root):
    msg = str(msg).replace(root + os.sep, '').replace(root, '')
    msg = ' '.join(msg.split())
    return msg if len(msg) <= 300 else msg[:297] + '...'


def functional_group(ds, seq_kw, index=0):
    try:
        seq = ds[seq_kw].value
        return seq[index] if len(seq) > index else None
    except (KeyError, AttributeError, IndexError, TypeError):
        return None


def fg_value(groups, macro_kw, keyword, floats=True):
    """keyword from the first functional group (per-frame, then shared) that has it."""
    for g in groups:
        if g is None or macro_kw not in g:
            continue
        try:
            item = g[macro_kw].value[0]
        except (IndexError, TypeError):
            continue
        v = as_floats(item, keyword) if floats else as_str(item, keyword)
        if v is not None:
            return v
    return None


def enhanced_geometry(ds, frames):
    """Geometry of a multi-frame (enhanced) image from its functional groups, or None."""
    if 'PerFrameFunctionalGroupsSequence' not in ds and 'SharedFunctionalGroupsSequence' not in ds:
        return None
    shared = functional_group(ds, 'SharedFunctionalGroupsSequence')
    first = functional_group(ds, 'PerFrameFunctionalGroupsSequence', 0)
    last = functional_group(ds, 'PerFrameFunctionalGroupsSequence', max((frames or 1) - 1, 0))
    thick = fg_value([first, shared], 'PixelMeasuresSequence', 'SliceThickness')
    return {
        'first_frame_position': fg_value([first, shared], 'PlanePositionSequence',
                                         'ImagePositionPatient'),
        'last_frame_position': fg_value([last, shared], 'PlanePositionSequence',
                                        'ImagePositionPatient'),
        'orientation': fg_value([first, shared], 'PlaneOrientationSequence',
                                'ImageOrientationPatient'),
        'pixel_spacing': fg_value([first, shared], 'PixelMeasuresSequence', 'PixelSpacing'),
        'slice_thickness': thick[0] if thick else None,
        'rescale_slope': (fg_value([first, shared], 'PixelValueTransformationSequence',
                                   'RescaleSlope') or [None])[0],
        'rescale_intercept': (fg_value([first, shared], 'PixelValueTransformationSequence',
                                       'RescaleIntercept') or [None])[0],
    }


def reread(path, ts):
    ds = pydicom.dcmread(path, force=True)
    if 'TransferSyntaxUID' not in ds.file_meta:
        ds.file_meta.TransferSyntaxUID = ts
    return ds


def describe(path, root, kind):
    rel = os.path.relpath(path, root).replace(os.sep, '/')
    entry = {'path': rel, 'kind': kind}
    fields = ['transfer_syntax', 'transfer_syntax_name', 'transfer_syntax_source',
              'sop_class', 'sop_class_name', 'modality', 'rows', 'columns', 'frames',
              'samples_per_pixel', 'bits_allocated', 'bits_stored', 'high_bit',
              'pixel_representation', 'photometric', 'planar_configuration',
              'rescale_slope', 'rescale_intercept', 'image_position_patient',
              'image_orientation_patient', 'pixel_spacing', 'slice_thickness']
    entry.update({k: None for k in fields})
    entry.update({'has_pixel_data': False, 'enhanced_geometry': None, 'pixels': None, 'decoder': None,
                  'decode_error': None, 'read_error': None, 'warnings': []})
    caught = []
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        try:
            ds = pydicom.dcmread(path, force=True)
            # touch every element so that deferred parsing problems show up here
            for elem in ds.iterall():
                pass
        except Exception as e:
            entry['read_error'] = clean(f'{type(e).__name__}: {e}', root)
            caught.extend(w)
            entry['warnings'] = sorted({clean(x.message, root) for x in caught})
            return entry
        fm = getattr(ds, 'file_meta', None)
        if fm is not None and 'TransferSyntaxUID' in fm and fm.TransferSyntaxUID:
            ts, src = UID(fm.TransferSyntaxUID), 'file_meta'
        else:
            ts = INFERRED_TS.get((bool(ds.is_implicit_VR), bool(ds.is_little_endian)))
            src = 'inferred'
            if ts is not None:
                if fm is None:
                    ds.file_meta = fm = pydicom.dataset.FileMetaDataset()
                fm.TransferSyntaxUID = ts
        if ts is not None:
            entry['transfer_syntax'] = str(ts)
            entry['transfer_syntax_name'] = ts.name
            entry['transfer_syntax_source'] = src
        sop = get_value(ds, 'SOPClassUID')
        if sop is not None:
            entry['sop_class'] = str(sop)
            entry['sop_class_name'] = UID(str(sop)).name
        entry['modality'] = as_str(ds, 'Modality')
        for key, kw in (('rows', 'Rows'), ('columns', 'Columns'),
                        ('samples_per_pixel', 'SamplesPerPixel'),
                        ('bits_allocated', 'BitsAllocated'), ('bits_stored', 'BitsStored'),
                        ('high_bit', 'HighBit'), ('pixel_representation', 'PixelRepresentation'),
                        ('planar_configuration', 'PlanarConfiguration')):
            entry[key] = as_int(ds, kw)
        entry['photometric'] = as_str(ds, 'PhotometricInterpretation')
        entry['rescale_slope'] = as_float(ds, 'RescaleSlope')
        entry['rescale_intercept'] = as_float(ds, 'RescaleIntercept')
        entry['image_position_patient'] = as_floats(ds, 'ImagePositionPatient')
        entry['image_orientation_patient'] = as_floats(ds, 'ImageOrientationPatient')
        entry['pixel_spacing'] = as_floats(ds, 'PixelSpacing')
        entry['slice_thickness'] = as_float(ds, 'SliceThickness')
        entry['has_pixel_data'] = any(k in ds for k in PIXEL_KEYWORDS)
        nof = as_int(ds, 'NumberOfFrames')
        if nof is not None:
            entry['frames'] = nof
        elif entry['rows'] is not None or entry['has_pixel_data']:
            entry['frames'] = 1
        entry['enhanced_geometry'] = enhanced_geometry(ds, entry['frames'])
        if entry['has_pixel_data']:
            try:
                if ts is None:
                    raise ValueError('no transfer syntax')
                arr, handler = decode(ds, lambda: reread(path, ts))
                entry['decoder'] = handler
                entry['pixels'] = pixel_stats(arr, entry['frames'] or 1,
                                              entry['samples_per_pixel'] or 1)
            except Exception as e:
                entry['decode_error'] = clean(f'{type(e).__name__}: {e}', root)
        caught.extend(w)
    entry['warnings'] = sorted({clean(x.message, root) for x in caught})
    return entry


def find_dicom(root):
    found = []
    for d, dirs, files in os.walk(root):
        dirs.sort()
        for name in files:
            p = os.path.join(d, name)
            kind = dicom_kind(p)
            if kind:
                found.append((p, kind))
    return sorted(found, key=lambda t: os.path.relpath(t[0], root).replace(os.sep, '/'))


def main(argv):
    if len(argv) != 3 or not os.path.isdir(argv[1]):
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    root, out = os.path.abspath(argv[1]), argv[2]
    logging.getLogger('pydicom').setLevel(logging.CRITICAL)  # errors go to the entry
    files = [describe(p, root, kind) for p, kind in find_dicom(root)]
    gen = f'pydicom {pydicom.__version__} (handlers: {", ".join(handler_versions())})'
    write_json_atomic({'generator': gen, 'files': files}, out)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
