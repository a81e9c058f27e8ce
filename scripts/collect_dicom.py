#!/usr/bin/python3
"""Copy every DICOM file found in unpacked Debian packages to one tree.

Usage: /usr/bin/python3 -Es scripts/collect_dicom.py DEST PKG=DIR [PKG=DIR ...]

Every file below DIR that is DICOM (see pydicom_expectations.dicom_kind:
"DICM" at byte 128, or a bare data set pydicom reads with force=True and that
is clearly DICOM) is copied to DEST/PKG/<path below DIR>, keeping its mtime.
A gzipped file (NAME.gz) whose content is DICOM is written gunzipped as
DEST/PKG/NAME. DEST is rebuilt in DEST.tmp and swapped in at the end, so it
is either the old or the new tree, never half of one.
"""
import gzip
import os
import shutil
import sys

sys.dont_write_bytecode = True  # no __pycache__ in scripts/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pydicom_expectations import dicom_kind, dicom_kind_of_bytes  # noqa: E402

MAX_GUNZIP = 256 << 20


def gunzip(path):
    try:
        with gzip.open(path, 'rb') as f:
            data = f.read(MAX_GUNZIP + 1)
    except (OSError, EOFError):
        return None
    return data if len(data) <= MAX_GUNZIP else None


def collect(pkg, src, dest):
    counts = {'part10': 0, 'bare': 0, 'gunzipped': 0}
    for d, dirs, files in os.walk(src):
        dirs.sort()
        for name in sorted(files):
            p = os.path.join(d, name)
            if os.path.islink(p) or not os.path.isfile(p):
                continue
            rel = os.path.relpath(p, src)
            if name.endswith('.gz'):
                data = gunzip(p)
                kind = dicom_kind_of_bytes(data) if data else None
                if not kind:
                    continue
                out = os.path.join(dest, pkg, rel[:-3])
                os.makedirs(os.path.dirname(out), exist_ok=True)
                with open(out, 'wb') as f:
                    f.write(data)
                st = os.stat(p)
                os.utime(out, (st.st_atime, st.st_mtime))
                counts['gunzipped'] += 1
                counts[kind] += 1
                continue
            kind = dicom_kind(p)
            if not kind:
                continue
            out = os.path.join(dest, pkg, rel)
            os.makedirs(os.path.dirname(out), exist_ok=True)
            shutil.copy2(p, out)
            counts[kind] += 1
    return counts


def main(argv):
    if len(argv) < 3 or any('=' not in a for a in argv[2:]):
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    dest = os.path.abspath(argv[1])
    tmp = dest + '.tmp'
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    summary = []
    for arg in argv[2:]:
        pkg, src = arg.split('=', 1)
        c = collect(pkg, src, tmp)
        summary.append(f"{pkg} {c['part10'] + c['bare']} ({c['part10']} Part 10, {c['bare']} bare"
                       f" data sets, {c['gunzipped']} of them gunzipped)")
    old = dest + '.old'
    shutil.rmtree(old, ignore_errors=True)
    if os.path.exists(dest):
        os.rename(dest, old)
    os.rename(tmp, dest)
    shutil.rmtree(old, ignore_errors=True)
    print('collect_dicom: ' + '; '.join(summary))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
