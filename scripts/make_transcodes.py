#!/usr/bin/python3
"""Transcode some generated DICOM series with DCMTK and GDCM, into every transfer syntax Hardy decodes.

Usage: /usr/bin/python3 -Es scripts/make_transcodes.py CACHE

CACHE is the interop cache (${HARDY_INTEROP_DIR:-<repo>/.cache/interop}); CACHE/series/ must hold the
series of scripts/make_dicom_series.py. For each series in SERIES and each entry of TRANSCODES, every file
of the series is converted by the tool's command line into CACHE/transcoded/<series>-<key>/ (same file
names). Three sources are used: the series itself (int16, BitsStored 16), and two copies written here with
the same pixels and geometry but new UIDs: "u12" (uint16, BitsStored 12; the values 101..1536 fit, so it
is the same image) for 12-bit JPEG Extended, and "u8" (uint8, value >> 3) for 8-bit JPEG Baseline.

Every transcode is checked by a decoder that is not Hardy's (dcmdjpeg, dcmdjpls, dcmdrle, gdcmconv --raw,
or pydicom for the uncompressed syntaxes):
  lossless  the decoder's pixels must equal the source's exactly; the reference for Hardy is the source;
  lossy     the decoder's output, written as uncompressed DICOM to <series>-<key>-reference/, is the
            reference for Hardy.
The checker's output of a lossless transcode is kept too, in <series>-<key>-decoded/. Each transcoded
folder is converted by dcm2niix (<series>-<key>_dcm2niix/out.nii), whose affine, shape and probe points
give the geometry; where Debian's dcm2niix cannot decode the syntax (JPEG-LS, 12-bit JPEG) it converts the
decoder's output instead. CACHE/transcoded/transcodes.json records, per transcode, the tool
and its command, the transfer syntax, lossy or not, the reference folder and how it was made, the largest
error of the lossy codec against the source, and dcm2niix's result. The tree is built in
CACHE/transcoded.tmp and then swapped in.
"""
import os
import shutil
import subprocess
import sys

import numpy as np
import nibabel as nib
import pydicom
sys.dont_write_bytecode = True  # no __pycache__ in scripts/
from interop_json import num, write_json_atomic  # noqa: E402
from make_dicom_series import mat, probe_indices, uid  # noqa: E402

SERIES = ['axial', 'oblique']

# key: (transfer syntax UID, name, lossy, source, tool, encoder argv (IN/OUT placeholders),
#       independent decoder argv or None for pydicom)
DCMDJPEG = ['dcmdjpeg', 'IN', 'OUT']
# DCMTK's lossy JPEG stretches the pixels' min..max over the whole range unless told +sr (scale by the range
# of the pixel type, here the identity), which would change the stored values for no reason.
TRANSCODES = {
    'jpeg-baseline': ('1.2.840.10008.1.2.4.50', 'JPEG Baseline', True, 'u8', 'dcmtk',
                      ['dcmcjpeg', '+eb', '+sr', 'IN', 'OUT'], DCMDJPEG),
    'jpeg-extended': ('1.2.840.10008.1.2.4.51', 'JPEG Extended 12-bit', True, 'u12', 'dcmtk',
                      ['dcmcjpeg', '+ee', '+sr', 'IN', 'OUT'], DCMDJPEG),
    'jpeg-lossless': ('1.2.840.10008.1.2.4.57', 'JPEG Lossless process 14', False, 'original', 'dcmtk',
                      ['dcmcjpeg', '+el', 'IN', 'OUT'], DCMDJPEG),
    'jpeg-lossless-sv1': ('1.2.840.10008.1.2.4.70', 'JPEG Lossless SV1', False, 'original', 'dcmtk',
                          ['dcmcjpeg', '+e1', 'IN', 'OUT'], DCMDJPEG),
    'jpeg-ls-lossless': ('1.2.840.10008.1.2.4.80', 'JPEG-LS Lossless', False, 'original', 'dcmtk',
                         ['dcmcjpls', '+el', 'IN', 'OUT'], ['dcmdjpls', 'IN', 'OUT']),
    # DCMTK refuses near-lossless JPEG-LS of signed pixels: the 12-bit unsigned copy it is.
    'jpeg-ls-near': ('1.2.840.10008.1.2.4.81', 'JPEG-LS Near-Lossless, NEAR 3', True, 'u12', 'dcmtk',
                     ['dcmcjpls', '+en', '+md', '3', 'IN', 'OUT'], ['dcmdjpls', 'IN', 'OUT']),
    'rle': ('1.2.840.10008.1.2.5', 'RLE Lossless', False, 'original', 'dcmtk',
            ['dcmcrle', 'IN', 'OUT'], ['dcmdrle', 'IN', 'OUT']),
    'deflated': ('1.2.840.10008.1.2.1.99', 'Deflated Explicit VR Little Endian', False, 'original', 'dcmtk',
                 ['dcmconv', '+td', 'IN', 'OUT'], None),
    'big-endian': ('1.2.840.10008.1.2.2', 'Explicit VR Big Endian', False, 'original', 'dcmtk',
                   ['dcmconv', '+tb', 'IN', 'OUT'], None),
    'j2k-lossless': ('1.2.840.10008.1.2.4.90', 'JPEG 2000 Lossless', False, 'original', 'gdcm',
                     ['gdcmconv', '--j2k', 'IN', 'OUT'], ['gdcmconv', '--raw', 'IN', 'OUT']),
    # Irreversible 9/7 wavelet; quality is OpenJPEG's PSNR target in dB against the 16-bit range, 80 dB
    # leaves errors of a few tens of grey levels on these images.
    'j2k-lossy': ('1.2.840.10008.1.2.4.91', 'JPEG 2000, irreversible, quality 80', True, 'original', 'gdcm',
                  ['gdcmconv', '--j2k', '--lossy', '--irreversible', '-q', '80', 'IN', 'OUT'],
                  ['gdcmconv', '--raw', 'IN', 'OUT']),
}


def run(argv, src, dst):
    cmd = [dst if a == 'OUT' else src if a == 'IN' else a for a in argv]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0 or not os.path.isfile(dst):
        raise SystemExit(f"make_transcodes: {' '.join(cmd)} failed ({p.returncode}): {p.stdout.strip()}")


def pydicom_decode(src, dst):
    """pydicom's reading of a native-pixel file, written back as explicit VR little endian."""
    ds = pydicom.dcmread(src)
    a = ds.pixel_array
    ds.file_meta.TransferSyntaxUID = pydicom.uid.ExplicitVRLittleEndian
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.PixelData = a.astype(a.dtype.newbyteorder('<')).tobytes()
    ds.save_as(dst, write_like_original=False)


def tool_version(tool):
    if tool == 'dcmtk':
        out = subprocess.run(['dcmcjpeg', '--version'], stdout=subprocess.PIPE, text=True).stdout
        return 'DCMTK ' + out.split('v', 1)[1].split()[0] if 'v' in out else 'DCMTK'
    out = subprocess.run(['gdcmconv', '--version'], stdout=subprocess.PIPE, text=True).stdout.split()
    return 'GDCM ' + out[out.index('gdcm') + 1] if 'gdcm' in out[:-1] else 'GDCM'


def files_of(folder):
    return sorted(f for f in os.listdir(folder) if os.path.isfile(os.path.join(folder, f)))


def make_copy(src_dir, dst_dir, name, kind):
    """The u12 or u8 copy of a series: same geometry and file names, new UIDs."""
    os.makedirs(dst_dir)
    series_uid = uid(name, kind, 'series')
    for f in files_of(src_dir):
        ds = pydicom.dcmread(os.path.join(src_dir, f))
        a = ds.pixel_array.astype(np.int64)
        if a.min() < 0 or a.max() > 4095:
            raise SystemExit(f'make_transcodes: {name}/{f} has values outside 0..4095, no {kind} copy')
        sop = uid(ds.SOPInstanceUID, kind)
        ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = sop
        ds.SeriesInstanceUID = series_uid
        ds.SeriesDescription = f'{name} ({kind} copy)'
        ds.PixelRepresentation = 0
        if kind == 'u12':
            ds.BitsAllocated, ds.BitsStored, ds.HighBit = 16, 12, 11
            ds.PixelData = a.astype('<u2').tobytes()
        else:
            ds.BitsAllocated, ds.BitsStored, ds.HighBit = 8, 8, 7
            ds.PixelData = (a >> 3).astype(np.uint8).tobytes()
            ds.WindowCenter, ds.WindowWidth = '128', '256'
        ds['PixelData'].VR = 'OB' if kind == 'u8' else 'OW'
        ds.save_as(os.path.join(dst_dir, f), write_like_original=False)


def pixels(path):
    return pydicom.dcmread(path).pixel_array.astype(np.int64)


def dcm2niix(folder, cache):
    dest = folder + '_dcm2niix'
    os.makedirs(dest)
    p = subprocess.run(['dcm2niix', '-z', 'n', '-b', 'n', '-o', dest, '-f', 'out', folder],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    nii = os.path.join(dest, 'out.nii')
    if p.returncode != 0 or not os.path.isfile(nii):
        return {'exit': p.returncode, 'nii': None, 'problem': ' | '.join(p.stdout.strip().splitlines()[-3:])}
    img = nib.load(nii)
    data = img.get_fdata(dtype=np.float64)
    A = img.affine
    return {'exit': p.returncode, 'nii': os.path.relpath(nii, cache), 'affine': mat(A),
            'shape': [int(n) for n in img.shape],
            'probe_points': [[*(num(c) for c in (A @ np.array([*ijk, 1.0]))[:3]), num(data[ijk])]
                             for ijk in probe_indices(data.shape[:3])]}


def main():
    cache = os.path.abspath(sys.argv[1])
    series_dir = os.path.join(cache, 'series')
    out = os.path.join(cache, 'transcoded')
    tmp = out + '.tmp'
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    final = lambda p: os.path.join(out, os.path.relpath(p, tmp))  # noqa: E731 (path once swapped in)
    versions = {t: tool_version(t) for t in ('dcmtk', 'gdcm')}
    manifest = {'generator': f'make_transcodes.py with pydicom {pydicom.__version__}, numpy {np.__version__}, '
                             f"{versions['dcmtk']}, {versions['gdcm']}",
                'transcodes': {}}
    for name in SERIES:
        original = os.path.join(series_dir, name)
        sources = {'original': original}
        for kind in ('u12', 'u8'):
            sources[kind] = os.path.join(tmp, 'sources', f'{name}-{kind}')
            make_copy(original, sources[kind], name, kind)
        for key, (ts, syntax, lossy, source, tool, encode, decode) in TRANSCODES.items():
            src = sources[source]
            folder = os.path.join(tmp, f'{name}-{key}')
            os.makedirs(folder)
            # The independent decoder's output: the reference of a lossy transcode, a check of a lossless one.
            dec_dir = folder + ('-reference' if lossy else '-decoded')
            ref_dir = dec_dir if lossy else None
            os.makedirs(dec_dir)
            max_error = 0
            for f in files_of(src):
                run(encode, os.path.join(src, f), os.path.join(folder, f))
                got = pydicom.dcmread(os.path.join(folder, f), stop_before_pixels=True).file_meta.TransferSyntaxUID
                if got != ts:
                    raise SystemExit(f'make_transcodes: {" ".join(encode)} wrote {got}, not {ts}')
                decoded = os.path.join(dec_dir, f)
                if decode:
                    run(decode, os.path.join(folder, f), decoded)
                else:
                    pydicom_decode(os.path.join(folder, f), decoded)
                diff = int(np.max(np.abs(pixels(decoded) - pixels(os.path.join(src, f)))))
                if not lossy and diff != 0:
                    raise SystemExit(f'make_transcodes: {name}-{key}/{f} is not lossless (error {diff})')
                max_error = max(max_error, diff)
            checker = ' '.join(decode) if decode else f'pydicom {pydicom.__version__}'
            entry = {
                'series': name, 'key': key, 'folder': os.path.relpath(final(folder), cache),
                'n_files': len(files_of(folder)),
                'source': os.path.relpath(final(src) if source != 'original' else src, cache),
                'transfer_syntax': ts, 'syntax': syntax, 'lossy': lossy,
                'tool': versions[tool], 'command': ' '.join(encode),
                'reference': os.path.relpath(final(ref_dir) if ref_dir else src, cache),
                'reference_made_by': (checker + ', written as uncompressed DICOM') if lossy
                else 'the source itself; ' + checker + ' decodes every transcoded file to exactly its pixels',
                'max_abs_error_vs_source': max_error,
                'dcm2niix': dcm2niix(folder, cache),
                'dcm2niix_input': 'the transcoded folder',
            }
            if entry['dcm2niix']['nii'] is None:
                # Debian's dcm2niix has no JPEG-LS and no 12-bit JPEG decoder: take the geometry from its
                # conversion of the independently decoded copy (the tools leave the geometry tags alone).
                entry['dcm2niix_failure'] = entry['dcm2niix']['problem']
                entry['dcm2niix'] = dcm2niix(dec_dir, cache)
                entry['dcm2niix_input'] = os.path.relpath(final(dec_dir), cache)
            if entry['dcm2niix']['nii'] is None:
                raise SystemExit(f"make_transcodes: dcm2niix converts neither {name}-{key} nor its decoded copy: "
                                 f"{entry['dcm2niix']['problem']}")
            entry['dcm2niix']['nii'] = os.path.relpath(final(os.path.join(cache, entry['dcm2niix']['nii'])), cache)
            manifest['transcodes'][f'{name}-{key}'] = entry
            print(f"make_transcodes: {name}-{key}: {entry['n_files']} files, {ts}, "
                  f"{'lossy, max error ' + str(max_error) if lossy else 'lossless (checked)'}, "
                  f"dcm2niix of {entry['dcm2niix_input']}", flush=True)
    write_json_atomic(manifest, os.path.join(tmp, 'transcodes.json'))
    shutil.rmtree(out, ignore_errors=True)
    os.replace(tmp, out)


if __name__ == '__main__':
    main()
