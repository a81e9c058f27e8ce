#!/usr/bin/python3
"""Write synthetic MR DICOM series of known geometry, convert them with dcm2niix.

Usage: /usr/bin/python3 -Es scripts/make_dicom_series.py OUTDIR [TEMPLATE.nii.gz]

TEMPLATE defaults to mricron-data's Colin brain, ch2bet.nii.gz, in
${HARDY_INTEROP_DIR:-<repo>/.cache/interop}/files/mricron-data/templates/.

Every series samples one world-space function, so all of them show the same
"subject" in one frame of reference (world = RAS mm, DICOM = LPS mm):

    value(p) = round(6 * T(p) + (x + 100) + 2 * (y + 130) + 3 * (z + 80))

where T is the template trilinearly interpolated at RAS point p = (x, y, z)
(0 outside it). The linear ramp makes every voxel, brain or not, tell a flip
or a swap of axes. Each series is a grid with a chosen voxel-to-LPS affine
(index order: column i, row j, slice k); a file per slice, MR Image Storage,
explicit VR little endian, int16 MONOCHROME2, with ImagePositionPatient,
ImageOrientationPatient and PixelSpacing computed from that affine. File
names are random hex (some with .dcm); InstanceNumber follows the spatial
order, its reverse, an interleave or a shuffle (see SERIES). "rescaled"
stores value - 1000 with RescaleSlope 0.5 / RescaleIntercept -100, so its
real values are 0.5 * (value - 1000) - 100. Everything is deterministic: the
same inputs give byte-identical DICOM files.

Then each series is converted with `dcm2niix -z n -b y -o OUTDIR/<name>_dcm2niix
-f out OUTDIR/<name>` and OUTDIR/series.json records, per series, the truth
(affine in LPS and RAS, shape, scaling) and dcm2niix's result read back with
nibabel (RAS affine, shape, dtype, min/max/sum of get_fdata, ~20 probe points
[x, y, z, value] at voxel centres of dcm2niix's grid well inside the volume),
and a check of dcm2niix against the truth: its voxel-to-truth-voxel map must
be a signed permutation with integer shift (dcm2niix may flip rows or
reorder slices), the world error at the corners small and every voxel value
equal to the truth's. The tree is built in OUTDIR.tmp and then swapped in.
"""
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import zlib

import numpy as np
import nibabel as nib
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, MRImageStorage
from pydicom.valuerep import format_number_as_ds
sys.dont_write_bytecode = True  # no __pycache__ in scripts/
from interop_json import num  # noqa: E402

LPS_TO_RAS = np.diag([-1.0, -1.0, 1.0, 1.0])
CENTRE_RAS = np.array([0.0, -16.0, 8.0])  # about the middle of Colin's brain


def rot(axis, deg):
    """Rotation matrix about a world (LPS) axis 'x', 'y' or 'z'."""
    a = math.radians(deg)
    c, s = math.cos(a), math.sin(a)
    return {'x': np.array([[1, 0, 0], [0, c, -s], [0, s, c]]),
            'y': np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]]),
            'z': np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])}[axis]


# base orientations: columns are (row direction, column direction, normal) in LPS
AXIAL = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1]], float).T        # i->L, j->P, k->S
SAGITTAL = np.array([[0, 1, 0], [0, 0, -1], [-1, 0, 0]], float).T    # i->P, j->I, k->R
CORONAL = np.array([[1, 0, 0], [0, 0, -1], [0, 1, 0]], float).T      # i->L, j->I, k->P

# name: (orientation, rotations, (columns, rows, slices), (col spacing, row spacing, slice spacing),
#        instance order, rescale (slope, intercept) or None, MRAcquisitionType, description)
SERIES = {
    'axial': (AXIAL, [], (96, 112, 80), (1.6, 1.6, 2.0), 'spatial', None, '3D',
              'axial, InstanceNumber inferior->superior'),
    'axial_reversed': (AXIAL, [], (96, 112, 80), (1.6, 1.6, 2.0), 'reversed', None, '3D',
                       'same grid as axial, InstanceNumber superior->inferior'),
    'sagittal': (SAGITTAL, [], (112, 96, 72), (1.6, 1.6, 2.0), 'shuffled', None, '3D',
                 'sagittal, InstanceNumber shuffled'),
    'coronal': (CORONAL, [], (96, 96, 90), (1.6, 1.6, 2.0), 'spatial', None, '3D',
                'coronal, InstanceNumber anterior->posterior'),
    'oblique': (AXIAL, [('x', 15.0)], (96, 112, 80), (1.6, 1.6, 2.0), 'interleaved', None, '3D',
                'axial rotated 15 deg about L-R, InstanceNumber interleaved (odd then even)'),
    'double_oblique': (AXIAL, [('x', 15.0), ('y', -10.0)], (96, 112, 80), (1.6, 1.6, 2.0),
                       'shuffled', None, '3D',
                       'axial rotated 15 deg about L-R then -10 deg about A-P, InstanceNumber shuffled'),
    'aniso_fetal': (CORONAL, [('z', 20.0), ('x', 10.0)], (160, 192, 40), (0.8, 0.8, 3.5),
                    'interleaved', None, '2D',
                    'coronal rotated 20 deg about S-I and 10 deg about L-R, 0.8x0.8 mm, 3.5 mm slices'),
    'rescaled': (AXIAL, [], (80, 96, 64), (1.9, 1.9, 2.4), 'spatial', (0.5, -100.0), '3D',
                 'axial, stored value-1000, RescaleSlope 0.5, RescaleIntercept -100'),
}


def true_affine_lps(orient, rotations, dims, spacing):
    R = orient.copy()
    for axis, deg in rotations:
        R = rot(axis, deg) @ R
    centre_lps = LPS_TO_RAS[:3, :3] @ CENTRE_RAS
    M = R @ np.diag(spacing)
    origin = centre_lps - M @ ((np.array(dims) - 1) / 2.0)
    A = np.eye(4)
    A[:3, :3] = M
    A[:3, 3] = origin
    return A


def ds_str(v):
    """A DS value as pydicom would write it best in 16 characters."""
    s = format_number_as_ds(float(v))
    return '0' if s in ('-0', '-0.0') else s


def ds_float(s):
    return float(s)


def quantised_affine(A, dims):
    """The affine the DICOM header actually encodes (after DS rounding).

    Uses the IOP, PixelSpacing and first-slice IPP as written, the normal
    from the IOP and the slice step from the first and last IPP, like a
    reader does."""
    sp = np.linalg.norm(A[:3, :3], axis=0)
    iop = [ds_float(ds_str(x)) for x in list(A[:3, 0] / sp[0]) + list(A[:3, 1] / sp[1])]
    ps = [ds_float(ds_str(sp[1])), ds_float(ds_str(sp[0]))]
    ipp0 = np.array([ds_float(ds_str(x)) for x in A[:3, 3]])
    last = A @ np.array([0, 0, dims[2] - 1, 1.0])
    ippn = np.array([ds_float(ds_str(x)) for x in last[:3]])
    Q = np.eye(4)
    Q[:3, 0] = np.array(iop[:3]) * ps[1]
    Q[:3, 1] = np.array(iop[3:]) * ps[0]
    Q[:3, 2] = (ippn - ipp0) / (dims[2] - 1)
    Q[:3, 3] = ipp0
    return Q


def trilinear(vol, ijk):
    """vol sampled at fractional voxel coordinates ijk (N x 3), 0 outside."""
    pad = np.pad(vol.astype(np.float64), 1)
    c = ijk + 1.0
    lo = np.floor(c).astype(np.int64)
    f = c - lo
    out = np.zeros(len(c))
    shape = np.array(pad.shape)
    for dx in (0, 1):
        for dy in (0, 1):
            for dz in (0, 1):
                idx = lo + np.array([dx, dy, dz])
                ok = np.all((idx >= 0) & (idx < shape), axis=1)
                w = ((f[:, 0] if dx else 1 - f[:, 0]) * (f[:, 1] if dy else 1 - f[:, 1])
                     * (f[:, 2] if dz else 1 - f[:, 2]))
                v = np.zeros(len(c))
                v[ok] = pad[idx[ok, 0], idx[ok, 1], idx[ok, 2]]
                out += w * v
    return out


def world_values(template, tmpl_affine, A_lps, dims):
    """The value function on the grid of A_lps: array (cols, rows, slices), int64."""
    i, j, k = np.meshgrid(*(np.arange(n, dtype=np.float64) for n in dims), indexing='ij')
    ijk1 = np.stack([i.ravel(), j.ravel(), k.ravel(), np.ones(i.size)])
    ras = (LPS_TO_RAS @ A_lps @ ijk1)[:3]
    t_ijk = (np.linalg.inv(tmpl_affine) @ np.vstack([ras, np.ones(ras.shape[1])]))[:3].T
    T = trilinear(template, t_ijk)
    x, y, z = ras
    v = np.rint(6 * T + (x + 100) + 2 * (y + 130) + 3 * (z + 80)).astype(np.int64)
    return v.reshape(dims)


def instance_order(kind, n, rng):
    """InstanceNumber (1-based) for each spatial slice index 0..n-1."""
    if kind == 'spatial':
        order = list(range(n))
    elif kind == 'reversed':
        order = list(range(n - 1, -1, -1))
    elif kind == 'interleaved':
        order = list(range(0, n, 2)) + list(range(1, n, 2))
    elif kind == 'shuffled':
        order = [int(x) for x in rng.permutation(n)]
    else:
        raise ValueError(kind)
    inst = [0] * n
    for number, k in enumerate(order, start=1):
        inst[k] = number
    return inst


def uid(*parts):
    """A deterministic UUID-derived UID, 2.25.<128-bit integer> (PS3.5 B.2)."""
    h = hashlib.sha256('\0'.join(['hardy-interop', *[str(p) for p in parts]]).encode()).digest()
    return '2.25.' + str(int.from_bytes(h[:16], 'big'))


def write_series(outdir, name, number, spec, values, A_lps, study_uid, frame_uid):
    orient, rotations, dims, spacing, order, rescale, acq, descr = spec
    ncol, nrow, nsl = dims
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    inst = instance_order(order, nsl, rng)
    stored = values - 1000 if rescale else values
    if stored.min() < -32768 or stored.max() > 32767:
        raise ValueError(f'{name}: values out of int16 range')
    stored = stored.astype(np.int16)
    sp = np.linalg.norm(A_lps[:3, :3], axis=0)
    rowdir, coldir = A_lps[:3, 0] / sp[0], A_lps[:3, 1] / sp[1]
    normal = np.cross(rowdir, coldir)
    series_uid = uid(name, 'series')
    names = set()
    folder = os.path.join(outdir, name)
    os.makedirs(folder)
    for k in range(nsl):
        while True:
            fname = rng.bytes(6).hex()
            if fname not in names:
                break
        names.add(fname)
        if k % 3 == 1:
            fname += '.dcm'
        ipp = A_lps @ np.array([0, 0, k, 1.0])
        sop_uid = uid(name, 'instance', k)
        fm = FileMetaDataset()
        fm.MediaStorageSOPClassUID = MRImageStorage
        fm.MediaStorageSOPInstanceUID = sop_uid
        fm.TransferSyntaxUID = ExplicitVRLittleEndian
        fm.ImplementationClassUID = uid('implementation')
        fm.ImplementationVersionName = 'HARDY_TESTGEN'
        ds = Dataset()
        ds.file_meta = fm
        ds.preamble = b'\0' * 128
        ds.is_little_endian, ds.is_implicit_VR = True, False
        ds.SpecificCharacterSet = 'ISO_IR 100'
        ds.ImageType = ['ORIGINAL', 'PRIMARY', 'M', 'ND']
        ds.SOPClassUID = MRImageStorage
        ds.SOPInstanceUID = sop_uid
        ds.StudyDate = ds.SeriesDate = ds.AcquisitionDate = ds.ContentDate = '20240102'
        ds.StudyTime = '101500'
        ds.SeriesTime = ds.AcquisitionTime = ds.ContentTime = f'1016{number:02d}'
        ds.Modality = 'MR'
        ds.Manufacturer = 'Hardy interop generator'
        ds.StudyDescription = 'Hardy synthetic geometry study'
        ds.SeriesDescription = name
        ds.ManufacturerModelName = 'make_dicom_series.py'
        ds.PatientName = 'ANON^HARDY'
        ds.PatientID = 'HARDY0001'
        ds.PatientBirthDate = ''
        ds.PatientSex = 'O'
        ds.ScanningSequence = 'GR'
        ds.SequenceVariant = 'SP'
        ds.ScanOptions = ''
        ds.MRAcquisitionType = acq
        ds.SliceThickness = ds_str(spacing[2])
        ds.SpacingBetweenSlices = ds_str(spacing[2])
        ds.RepetitionTime = '2000'
        ds.EchoTime = '3.5'
        ds.EchoNumbers = '1'
        ds.MagneticFieldStrength = '3'
        ds.ProtocolName = name
        ds.PatientPosition = 'HFS'
        ds.StudyInstanceUID = study_uid
        ds.SeriesInstanceUID = series_uid
        ds.StudyID = '1'
        ds.SeriesNumber = str(number)
        ds.AcquisitionNumber = '1'
        ds.InstanceNumber = str(inst[k])
        ds.ImagePositionPatient = [ds_str(x) for x in ipp[:3]]
        ds.ImageOrientationPatient = [ds_str(x) for x in list(rowdir) + list(coldir)]
        ds.FrameOfReferenceUID = frame_uid
        ds.PositionReferenceIndicator = ''
        ds.SliceLocation = ds_str(float(np.dot(normal, ipp[:3])))
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = 'MONOCHROME2'
        ds.Rows = nrow
        ds.Columns = ncol
        ds.PixelSpacing = [ds_str(sp[1]), ds_str(sp[0])]  # row spacing (between rows), column spacing
        ds.BitsAllocated = 16
        ds.BitsStored = 16
        ds.HighBit = 15
        ds.PixelRepresentation = 1
        if rescale:
            ds.WindowCenter, ds.WindowWidth = '400', '1200'
            ds.RescaleIntercept = ds_str(rescale[1])
            ds.RescaleSlope = ds_str(rescale[0])
            ds.RescaleType = 'US'
        else:
            ds.WindowCenter, ds.WindowWidth = '1000', '2000'
        # DICOM frame: rows are j, columns are i
        ds.PixelData = np.ascontiguousarray(stored[:, :, k].T).astype('<i2').tobytes()
        pydicom.dcmwrite(os.path.join(folder, fname), ds, write_like_original=False)
    return {'instance_numbers_by_slice': inst, 'n_files': nsl}


def voxel_map(A_d, T_ras):
    """dcm2niix voxel -> truth voxel as (P, t, max deviation from integer map)."""
    M = np.linalg.inv(T_ras) @ A_d
    P = np.rint(M[:3, :3])
    t = np.rint(M[:3, 3])
    dev = float(np.max(np.abs(np.hstack([M[:3, :3] - P, (M[:3, 3] - t)[:, None]]))))
    return P.astype(np.int64), t.astype(np.int64), dev


def is_signed_permutation(P):
    return (np.all(np.sum(np.abs(P), axis=0) == 1) and np.all(np.sum(np.abs(P), axis=1) == 1))


def probe_indices(shape):
    """~20 voxel indices spread over the central 50% of the grid."""
    out = []
    fr = [0.25, 0.75]
    for a in fr:
        for b in fr:
            for c in fr:
                out.append((a, b, c))
    out.append((0.5, 0.5, 0.5))
    for m in range(1, 12):
        out.append((0.25 + 0.5 * ((m * 3) % 11) / 10, 0.25 + 0.5 * ((m * 7) % 11) / 10,
                    0.25 + 0.5 * ((m * 5) % 11) / 10))
    idx = []
    for f in out:
        p = tuple(int(round(fi * (n - 1))) for fi, n in zip(f, shape))
        if p not in idx:
            idx.append(p)
    return idx


def rel(path, outdir):
    return os.path.relpath(path, outdir).replace(os.sep, '/')


def mat(A):
    return [[num(v) for v in row] for row in A]


def run_dcm2niix(outdir, name):
    dest = os.path.join(outdir, name + '_dcm2niix')
    os.makedirs(dest)
    cmd = ['dcm2niix', '-z', 'n', '-b', 'y', '-o', dest, '-f', 'out', os.path.join(outdir, name)]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = [ln.strip().replace(outdir + os.sep, '') for ln in p.stdout.splitlines()]
    notes = [ln for ln in lines if ln.lower().startswith(('warning', 'error')) or 'warning' in ln.lower()]
    niis = sorted(f for f in os.listdir(dest) if f.endswith('.nii'))
    return p.returncode, notes, dest, niis, lines


def check_series(outdir, name, spec, values, A_lps):
    orient, rotations, dims, spacing, order, rescale, acq, descr = spec
    T_ras = LPS_TO_RAS @ A_lps
    truth_real = (values - 1000) * rescale[0] + rescale[1] if rescale else values.astype(np.float64)
    rc, notes, dest, niis, lines = run_dcm2niix(outdir, name)
    res = {'dcm2niix_exit': rc, 'dcm2niix_notes': notes, 'dcm2niix_dir': rel(dest, outdir),
           'dcm2niix_outputs': sorted(rel(os.path.join(dest, f), outdir) for f in os.listdir(dest))}
    if 'out.nii' not in niis:
        res.update({'nii': None, 'agrees': False,
                    'problem': 'dcm2niix wrote no out.nii: ' + ' | '.join(lines[-5:])})
        return res
    nii = os.path.join(dest, 'out.nii')
    img = nib.load(nii)
    A_d = img.affine
    data = img.get_fdata(dtype=np.float64)
    slope, inter = img.dataobj.slope, img.dataobj.inter  # img.header has them reset by nibabel
    res.update({
        'nii': rel(nii, outdir),
        'json': rel(os.path.join(dest, 'out.json'), outdir)
        if os.path.exists(os.path.join(dest, 'out.json')) else None,
        'affine': mat(A_d),
        'sform_code': int(img.header['sform_code']), 'qform_code': int(img.header['qform_code']),
        'axcodes': ''.join(nib.aff2axcodes(A_d)),
        'shape': [int(n) for n in img.shape],
        'dtype': str(img.get_data_dtype()),
        'scl_slope': None if slope is None else num(slope),
        'scl_inter': None if inter is None else num(inter),
        'min': num(data.min()), 'max': num(data.max()), 'sum': num(data.sum()),
        'probe_points': [[*(num(c) for c in (A_d @ np.array([*ijk, 1.0]))[:3]), num(data[ijk])]
                         for ijk in probe_indices(data.shape[:3])],
    })
    # dcm2niix against the truth
    P, t, dev = voxel_map(A_d, T_ras)
    check = {'index_map': {'P': P.tolist(), 't': t.tolist()}, 'max_map_deviation_vox': dev}
    problems = []
    if data.ndim != 3:
        problems.append(f'dcm2niix volume is {data.ndim}D')
    if not is_signed_permutation(P):
        problems.append('dcm2niix axes are not a signed permutation of the true axes')
    else:
        shape = np.array(data.shape[:3])
        corners = np.array([[a, b, c] for a in (0, shape[0] - 1) for b in (0, shape[1] - 1)
                            for c in (0, shape[2] - 1)], float)
        w_d = (A_d[:3, :3] @ corners.T).T + A_d[:3, 3]
        mapped = (P @ corners.T).T + t
        w_t = (T_ras[:3, :3] @ mapped.T).T + T_ras[:3, 3]
        check['max_world_error_mm'] = float(np.max(np.abs(w_d - w_t)))
        if check['max_world_error_mm'] > 1e-3:
            problems.append(f"world error {check['max_world_error_mm']:.3g} mm at the corners")
        # every voxel: dcm2niix value == truth value at the mapped index
        ii = np.indices(data.shape[:3]).reshape(3, -1)
        mi = P @ ii + t[:, None]
        inside = np.all((mi >= 0) & (mi < np.array(values.shape)[:, None]), axis=0)
        check['voxels_outside_truth'] = int(np.count_nonzero(~inside))
        if inside.all() and data.ndim == 3:
            diff = np.abs(data.reshape(-1) - truth_real[mi[0], mi[1], mi[2]])
            check['max_value_diff'] = num(diff.max())
            check['voxels_differing'] = int(np.count_nonzero(diff > 1e-6))
            if check['voxels_differing']:
                problems.append(f"{check['voxels_differing']} voxel values differ from the truth")
        else:
            problems.append(f"{check['voxels_outside_truth']} dcm2niix voxels map outside the truth grid")
        if sorted(int(n) for n in shape) != sorted(dims):
            problems.append(f'shape {list(shape)} is not a permutation of {list(dims)}')
    res['check'] = check
    res['agrees'] = not problems
    res['problem'] = '; '.join(problems) if problems else None
    return res


def tool_version(cmd):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for ln in p.stdout.splitlines():
            if 'version' in ln.lower():
                return ln.strip()
        return p.stdout.strip().splitlines()[-1]
    except OSError as e:
        return f'unavailable ({e})'


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    outdir = os.path.abspath(argv[1])
    if len(argv) == 3:
        template_path = argv[2]
    else:
        cache = os.environ.get('HARDY_INTEROP_DIR') or os.path.join(
            os.path.dirname(os.path.dirname(os.path.abspath(__file__))), '.cache', 'interop')
        template_path = os.path.join(cache, 'files', 'mricron-data', 'templates', 'ch2bet.nii.gz')
    tmpl = nib.load(template_path)
    template = np.asanyarray(tmpl.dataobj)
    with open(template_path, 'rb') as f:
        tmpl_sha = hashlib.sha256(f.read()).hexdigest()

    work = outdir + '.tmp'
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    study_uid, frame_uid = uid('study'), uid('frame-of-reference')
    out = {
        'generator': (f'make_dicom_series.py with pydicom {pydicom.__version__}, nibabel '
                      f'{nib.__version__}, numpy {np.__version__}'),
        'dcm2niix': tool_version(['dcm2niix', '-v']),
        'template': {'path': 'files/mricron-data/templates/' + os.path.basename(template_path),
                     'sha256': tmpl_sha, 'shape': [int(n) for n in template.shape],
                     'affine': mat(tmpl.affine)},
        'value_model': 'round(6*T(p) + (x+100) + 2*(y+130) + 3*(z+80)), p=(x,y,z) RAS mm, '
                       'T = template trilinear, 0 outside',
        'study_instance_uid': study_uid, 'frame_of_reference_uid': frame_uid,
        'series': {},
    }
    for number, (name, spec) in enumerate(SERIES.items(), start=1):
        orient, rotations, dims, spacing, order, rescale, acq, descr = spec
        A_lps = true_affine_lps(orient, rotations, dims, spacing)
        values = world_values(template, tmpl.affine, A_lps, dims)
        info = write_series(work, name, number, spec, values, A_lps, study_uid, frame_uid)
        Q = quantised_affine(A_lps, dims)
        entry = {
            'folder': name,
            'description': descr,
            'series_number': number,
            'series_instance_uid': uid(name, 'series'),
            'n_files': info['n_files'],
            'instance_order': order,
            'instance_numbers_by_slice': info['instance_numbers_by_slice'],
            'true_shape': list(dims),
            'true_index_order': 'column i, row j, slice k (slice k = spatial order along the normal)',
            'pixel_spacing_row_col': [spacing[1], spacing[0]],
            'slice_spacing': spacing[2],
            'rescale_slope': rescale[0] if rescale else None,
            'rescale_intercept': rescale[1] if rescale else None,
            'stored_offset': -1000 if rescale else 0,
            'true_affine_lps': mat(A_lps),
            'true_affine_ras': mat(LPS_TO_RAS @ A_lps),
            'dicom_encoded_affine_ras': mat(LPS_TO_RAS @ Q),
            'dicom_rounding_max_mm': float(np.max(np.abs(Q - A_lps)) * max(dims)),
            'true_real_min': num(((values - 1000) * rescale[0] + rescale[1]).min() if rescale else values.min()),
            'true_real_max': num(((values - 1000) * rescale[0] + rescale[1]).max() if rescale else values.max()),
            'true_real_sum': num(((values - 1000) * rescale[0] + rescale[1]).sum() if rescale else values.sum()),
        }
        entry['dcm2niix'] = check_series(work, name, spec, values, A_lps)
        out['series'][name] = entry
    with open(os.path.join(work, 'series.json.tmp'), 'w') as f:
        json.dump(out, f, indent=1, allow_nan=False)
        f.write('\n')
    os.replace(os.path.join(work, 'series.json.tmp'), os.path.join(work, 'series.json'))
    old = outdir + '.old'
    shutil.rmtree(old, ignore_errors=True)
    if os.path.exists(outdir):
        os.rename(outdir, old)
    os.rename(work, outdir)
    shutil.rmtree(old, ignore_errors=True)
    for name, e in out['series'].items():
        d = e['dcm2niix']
        err = d.get('check', {}).get('max_world_error_mm')
        notes = [n for n in d['dcm2niix_notes'] if 'determine manufacturer' not in n]
        print(f"make_dicom_series: {name}: {e['n_files']} files, dcm2niix {d.get('shape')} "
              f"{d.get('axcodes', '?')}, world error {'n/a' if err is None else f'{err:.1e}'} mm, "
              f"{'agrees' if d['agrees'] else 'DISAGREES: ' + str(d['problem'])}"
              f"{' [' + ' | '.join(notes) + ']' if notes else ''}")
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
