#!/usr/bin/python3
"""Write the series that scripts/bench-dicom-series.sh times: 200 axial slices of 256 x 256 int16.

Usage: /usr/bin/python3 -Es -B scripts/make_bench_series.py OUTDIR [TEMPLATE.nii.gz]

OUTDIR/plain/ gets one explicit VR little endian file per slice, written by make_dicom_series.py's
writer from the same world-space value function as the interop series (Colin's brain plus a ramp), with
shuffled file names and InstanceNumbers. OUTDIR/jpeg_lossless/ gets the same files transcoded by
DCMTK's `dcmcjpeg` to JPEG Lossless, selection value 1 (1.2.840.10008.1.2.4.70). Deterministic.
"""
import os
import shutil
import subprocess
import sys

import nibabel as nib
import numpy as np

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_dicom_series as m  # noqa: E402

SPEC = (m.AXIAL, [], (256, 256, 200), (0.9375, 0.9375, 1.0), 'shuffled', None, '3D',
        'benchmark: axial 256x256x200, InstanceNumber shuffled')


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    outdir = os.path.abspath(argv[1])
    template_path = argv[2] if len(argv) == 3 else os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))), '.cache', 'interop', 'files',
        'mricron-data', 'templates', 'ch2bet.nii.gz')
    tmpl = nib.load(template_path)
    template = np.asanyarray(tmpl.dataobj)
    shutil.rmtree(outdir, ignore_errors=True)
    os.makedirs(outdir)
    A = m.true_affine_lps(SPEC[0], SPEC[1], SPEC[2], SPEC[3])
    values = m.world_values(template, tmpl.affine, A, SPEC[2])
    m.write_series(outdir, 'plain', 1, SPEC, values, A, m.uid('bench', 'study'), m.uid('bench', 'frame'))
    jpeg = os.path.join(outdir, 'jpeg_lossless')
    os.makedirs(jpeg)
    for name in sorted(os.listdir(os.path.join(outdir, 'plain'))):
        subprocess.run(['dcmcjpeg', '+e1', os.path.join(outdir, 'plain', name), os.path.join(jpeg, name)],
                       check=True)
    print(f'make_bench_series: {SPEC[2][2]} slices of {SPEC[2][0]}x{SPEC[2][1]} in {outdir}/plain and '
          f'{outdir}/jpeg_lossless')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
