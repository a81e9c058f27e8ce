#!/usr/bin/python3
"""Compare, with nibabel, files Hardy converted against their originals.

Usage: /usr/bin/python3 scripts/nibabel_compare.py PAIRS.json OUT.json
PAIRS.json: [{"original": path, "converted": path}, ...]

Every number here is computed by nibabel (Debian's python3-nibabel), never by
Hardy. The converted file holds one 3-D volume, so it is compared with volume
0 of the original (index 0 on every axis beyond 3). NaN == NaN counts as equal;
a voxel NaN on one side only counts in nan_mismatch and makes
values_max_abs_diff "Infinity" (non-finite floats are written as strings).
Exit 0 whatever the differences (Hardy's Java test decides), 2 on bad usage.
"""
import json
import sys

import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ in scripts/
from nibabel_expectations import dtype_name, first_volume, load, num, write_json_atomic


def compare(original, converted):
    r = {'original': original, 'converted': converted, 'affine_max_abs_diff': None,
         'shape_equal': None, 'values_max_abs_diff': None, 'nan_mismatch': None,
         'dtype_original': None, 'dtype_converted': None, 'error': None}
    try:
        a, _ = load(original)
        b, _ = load(converted)
        r['dtype_original'] = dtype_name(a.header)
        r['dtype_converted'] = dtype_name(b.header)
        r['affine_max_abs_diff'] = num(np.max(np.abs(a.affine - b.affine)))
        va, vb = first_volume(a), first_volume(b)
        r['shape_equal'] = va.shape == vb.shape
        if not r['shape_equal']:
            return r  # values_max_abs_diff and nan_mismatch stay null
        na, nb = np.isnan(va), np.isnan(vb)
        r['nan_mismatch'] = int(np.count_nonzero(na != nb))
        with np.errstate(invalid='ignore'):
            diff = np.abs(va - vb)
        diff[(va == vb) | (na & nb)] = 0  # equal infinities, NaN vs NaN
        diff[na != nb] = np.inf
        r['values_max_abs_diff'] = num(np.max(diff)) if diff.size else 0.0
    except Exception as e:
        r['error'] = f'{type(e).__name__}: {e}'
    return r


def main(argv):
    if len(argv) != 3:
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    try:
        with open(argv[1]) as f:
            pairs = json.load(f)
        assert isinstance(pairs, list) and all(
            isinstance(p, dict) and {'original', 'converted'} <= p.keys() for p in pairs)
    except (OSError, ValueError, AssertionError) as e:
        why = str(e) or 'expected [{"original": ..., "converted": ...}, ...]'
        print(f'bad PAIRS.json {argv[1]}: {why}', file=sys.stderr)
        return 2
    write_json_atomic([compare(p['original'], p['converted']) for p in pairs], argv[2])
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
