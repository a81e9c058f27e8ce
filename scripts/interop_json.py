"""JSON helpers shared by the interop scripts: strict JSON with non-finite numbers as strings, written
atomically (temporary file, then rename), so a reader never sees half a file."""
import json
import math
import os


def num(x):
    """A float for JSON: NaN and infinities become the strings "NaN", "Infinity", "-Infinity"."""
    x = float(x)
    if math.isnan(x):
        return 'NaN'
    if math.isinf(x):
        return 'Infinity' if x > 0 else '-Infinity'
    return x


def write_json_atomic(obj, out):
    tmp = out + '.tmp'
    with open(tmp, 'w') as f:
        json.dump(obj, f, indent=1, allow_nan=False)
        f.write('\n')
    os.replace(tmp, out)
