#!/usr/bin/env bash
# Make the JPEG DCT test vectors of JpegDctDecoderTest with DCMTK (not with Hardy):
#   dcmcjpeg +ee / +eb encodes (Debian dcmtk 3.6.7, IJG libjpeg 6b inside),
#   dcmdjpeg decodes, and its pixels are the reference Hardy must match exactly.
#
#   bash scripts/make-jpeg12-vectors.sh     (by hand; needs apt-get on Debian/Ubuntu)
#
# Writes into src/test/resources/hardy/io/dicom/codec/jpeg12/:
#   <name>.jpg        the JPEG stream of the encoded DICOM file's one frame (SOI..EOI)
#   <name>.raw        dcmdjpeg's decoding of it, uint16 little-endian, row by row (not for the 512 x 512 one)
#   vectors.txt       one line per stream: file, columns, rows, precision, SHA-256 of dcmdjpeg's decoding
#   extended-smooth12.dcm   one encoded DICOM file as a whole, for the DICOM-level test and the fuzzer's seeds
# dcmcjpeg 3.6.7 cannot write restart markers, so the *-restart* streams are made here from an encoded stream:
# its Huffman codes are decoded and written again with a DRI segment, RSTm markers, the DC prediction reset
# at each restart, and a DC table that has every difference category. The coefficients do not change, so
# dcmdjpeg must decode the rewritten stream to the same pixels as the original; that is checked.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$REPO/src/test/resources/hardy/io/dicom/codec/jpeg12
PY=(/usr/bin/python3 -Es -B)   # Debian's python, no PYTHONPATH or user site
PKGS=(dcmtk python3-numpy python3-pydicom)
SUDO=()
[ "$(id -u)" -eq 0 ] || SUDO=(sudo -n)

missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
    run=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends "${missing[@]}")
    "${run[@]}" || { "${SUDO[@]}" apt-get -q update && "${run[@]}"; }
fi

rm -rf "$OUT"
mkdir -p "$OUT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# --- 1. sources: uncompressed MONOCHROME2 DICOM files (pydicom) ---------------------------------------------
"${PY[@]}" - "$WORK" <<'PYTHON'
import sys
import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

work = sys.argv[1]
rng = np.random.default_rng(12)

def smooth(h, w, maxval):
    """A diagonal ramp over the whole range, clipped at both ends so that corners sit at 0 and at maxval."""
    y, x = np.mgrid[0:h, 0:w]
    img = (1.3 * (0.6 * x / (w - 1) + 0.4 * y / (h - 1)) - 0.15) * maxval
    img += 0.02 * maxval * np.sin(x / 3.0) * np.cos(y / 5.0)
    return np.clip(np.rint(img), 0, maxval)

def noisy(h, w, maxval):
    """Uniform noise over the full range (large AC coefficients, clamping) beside flat 0 and maxval areas."""
    img = rng.integers(0, maxval + 1, (h, w)).astype(float)
    img[:, : w // 4] = 0
    img[: h // 3, w - w // 4:] = maxval
    return img

def phantom(h, w, maxval):
    """An MRI-like slice for timing: ellipses of different intensity, a smooth bias field and noise."""
    y, x = np.mgrid[0:h, 0:w] / np.array([h, w])[:, None, None]
    img = np.zeros((h, w))
    for cy, cx, ry, rx, v in ((.5, .5, .42, .34, .45), (.5, .5, .38, .30, .65), (.42, .4, .08, .06, .9),
                              (.6, .62, .1, .07, .3), (.5, .5, .03, .2, .15)):
        img[((y - cy) / ry) ** 2 + ((x - cx) / rx) ** 2 < 1] = v
    img *= 1 + 0.2 * np.sin(3 * x) * np.cos(2 * y)
    img = img * 0.9 * maxval + rng.normal(0, 0.01 * maxval, (h, w))
    return np.clip(np.rint(img), 0, maxval)

def write(name, img, bits):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.4"  # MR Image Storage
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = generate_uid()
    ds.SeriesInstanceUID = generate_uid()
    ds.Modality = "MR"
    ds.Rows, ds.Columns = img.shape
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated = 8 if bits == 8 else 16
    ds.BitsStored = bits
    ds.HighBit = bits - 1
    ds.PixelRepresentation = 0
    ds.PixelSpacing = [0.5, 0.5]
    ds.SliceThickness = 1
    ds.ImagePositionPatient = [0, 0, 0]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.PixelData = img.astype("u1" if bits == 8 else "<u2").tobytes()
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(f"{work}/{name}.dcm", write_like_original=False)

write("smooth12", smooth(29, 37, 4095), 12)
write("noisy12", noisy(48, 64, 4095), 12)
write("smooth8", smooth(29, 37, 255), 8)
write("noisy8", noisy(21, 19, 255), 8)
write("phantom12", phantom(512, 512, 4095), 12)
PYTHON

# --- 2. encode with dcmcjpeg ----------------------------------------------------------------------------------
enc() { dcmcjpeg -q --uid-never "$@"; }
enc +ee +q 90 "$WORK/smooth12.dcm" "$WORK/extended-smooth12-q90.dcm"
enc +ee +q 100 "$WORK/smooth12.dcm" "$WORK/extended-smooth12-q100.dcm"
enc +ee +q 75 "$WORK/noisy12.dcm" "$WORK/extended-noisy12-q75.dcm"
enc +ee +q 5 "$WORK/noisy12.dcm" "$WORK/extended-noisy12-q5.dcm"        # quantisers above 255: 16-bit DQT
enc +ee +q 90 "$WORK/smooth8.dcm" "$WORK/extended-smooth8-q90.dcm"      # SOF1 with 8-bit samples
enc +eb +q 80 "$WORK/noisy8.dcm" "$WORK/baseline-noisy8-q80.dcm"        # SOF0
enc +ee +q 90 "$WORK/phantom12.dcm" "$WORK/extended-phantom12-q90.dcm"  # 512 x 512, for timing
cp "$WORK/extended-smooth12-q90.dcm" "$OUT/extended-smooth12.dcm"

# --- 3. take the frames out, add restart markers, decode with dcmdjpeg, write vectors.txt --------------------
"${PY[@]}" - "$OUT" "$WORK" <<'PYTHON'
import glob, hashlib, os, struct, subprocess, sys
import numpy as np
import pydicom
from pydicom.encaps import generate_pixel_data_frame

out, work = sys.argv[1], sys.argv[2]

def frame(path):
    ds = pydicom.dcmread(path)
    return ds, next(generate_pixel_data_frame(ds.PixelData, 1))

def segments(stream):
    """(marker, payload) of each segment up to SOS, the SOS payload, and the entropy-coded data."""
    p, segs = 2, []
    while True:
        marker = stream[p + 1]
        length = struct.unpack(">H", stream[p + 2:p + 4])[0]
        payload = stream[p + 4:p + 2 + length]
        p += 2 + length
        if marker == 0xDA:
            return segs, payload, stream[p:stream.rindex(b"\xff\xd9")]
        segs.append((marker, payload))

def huffman(payload):
    """DHT payload -> {(class, id): {(length, code): symbol}}."""
    tables, p = {}, 0
    while p < len(payload):
        tc, th = payload[p] >> 4, payload[p] & 15
        counts = payload[p + 1:p + 17]
        symbols = payload[p + 17:p + 17 + sum(counts)]
        codes, code, k = {}, 0, 0
        for length in range(1, 17):
            for _ in range(counts[length - 1]):
                codes[(length, code)] = symbols[k]
                code, k = code + 1, k + 1
            code <<= 1
        tables[(tc, th)] = codes
        p += 17 + sum(counts)
    return tables

class Bits:
    def __init__(self, data):
        self.bits = "".join(f"{b:08b}" for b in data.replace(b"\xff\x00", b"\xff"))
        self.p = 0
    def take(self, n):
        v = int(self.bits[self.p:self.p + n] or "0", 2) if n else 0
        self.p += n
        return v
    def symbol(self, codes):
        for length in range(1, 17):
            key = (length, int(self.bits[self.p:self.p + length], 2))
            if key in codes:
                self.p += length
                return codes[key]
        raise ValueError("bad code")

def extend(v, s):
    return v if s == 0 or v >= 1 << (s - 1) else v - (1 << s) + 1

def category(v):
    return abs(v).bit_length()

def add_restarts(stream, interval, blocks):
    """The same coefficients, re-coded with restart markers every `interval` blocks (see the header)."""
    segs, sos, data = segments(stream)
    tables = {}
    for marker, payload in segs:
        if marker == 0xC4:
            tables.update(huffman(payload))
    td, ta = sos[2] >> 4, sos[2] & 15
    dc, ac = tables[(0, td)], tables[(1, ta)]
    bits = Bits(data)
    coded = []   # per block: DC value, then the AC (symbol, extra bits, size) triples as read
    pred = 0
    for _ in range(blocks):
        s = bits.symbol(dc)
        pred += extend(bits.take(s), s)
        acs, k = [], 1
        while k < 64:
            rs = bits.symbol(ac)
            r, s = rs >> 4, rs & 15
            acs.append((rs, bits.take(s), s))
            if s == 0 and r != 15:
                break
            k += 16 if s == 0 else r + 1
        coded.append((pred, acs))
    # A DC table with every category 0..15, all codes 5 bits long.
    dc_counts = [0] * 16
    dc_counts[4] = 16
    new_dc = {s: (5, s) for s in range(16)}
    ac_codes = {sym: key for key, sym in ac.items()}
    body = bytearray()
    acc = ""
    def flush():
        nonlocal acc
        acc += "1" * (-len(acc) % 8)
        for i in range(0, len(acc), 8):
            b = int(acc[i:i + 8], 2)
            body.append(b)
            if b == 0xFF:
                body.append(0)
        acc = ""
    pred = 0
    for i, (dcv, acs) in enumerate(coded):
        if i and i % interval == 0:
            flush()
            body += bytes([0xFF, 0xD0 + (i // interval - 1) % 8])
            pred = 0
        diff = dcv - pred
        pred = dcv
        s = category(diff)
        acc += format(new_dc[s][1], "05b") + (format(diff if diff >= 0 else diff + (1 << s) - 1, f"0{s}b") if s else "")
        for rs, v, size in acs:
            length, code = ac_codes[rs]
            acc += format(code, f"0{length}b") + (format(v, f"0{size}b") if size else "")
    flush()
    head = b"\xff\xd8"
    for marker, payload in segs:
        head += bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload
    dht = bytes([0x00 | td]) + bytes(dc_counts) + bytes(range(16))
    head += b"\xff\xc4" + struct.pack(">H", len(dht) + 2) + dht
    head += b"\xff\xdd" + struct.pack(">HH", 4, interval)
    head += b"\xff\xda" + struct.pack(">H", len(sos) + 2) + sos
    return head + bytes(body) + b"\xff\xd9"

def dcmdjpeg(path):
    subprocess.run(["dcmdjpeg", "-q", path, f"{work}/plain.dcm"], check=True)
    return pydicom.dcmread(f"{work}/plain.dcm").pixel_array.astype("<u2")

def sha(a):
    return hashlib.sha256(a.astype("<u2").tobytes()).hexdigest()

lines = []
def keep(name, stream, ds, ref, raw=True):
    with open(f"{out}/{name}.jpg", "wb") as f:
        f.write(stream)
    if raw:
        ref.astype("<u2").tofile(f"{out}/{name}.raw")
    precision = stream[stream.index(b"\xff\xc0" if b"\xff\xc0" in stream else b"\xff\xc1") + 4]
    lines.append(f"{name}.jpg {ds.Columns} {ds.Rows} {precision} {sha(ref)}")

for path in sorted(glob.glob(f"{work}/*-q*.dcm")):
    name = os.path.basename(path)[:-4]
    ds, stream = frame(path)
    ref = dcmdjpeg(path)
    keep(name, stream, ds, ref, raw=ds.Rows * ds.Columns < 10000)

for name, interval in (("extended-noisy12-q75", 5), ("extended-smooth12-q90", 1), ("baseline-noisy8-q80", 7)):
    ds, stream = frame(f"{work}/{name}.dcm")
    blocks = -(-ds.Rows // 8) * -(-ds.Columns // 8)
    restarted = add_restarts(stream, interval, blocks)
    ds.PixelData = pydicom.encaps.encapsulate([restarted])
    ds.save_as(f"{work}/restart.dcm")
    ref = dcmdjpeg(f"{work}/restart.dcm")
    assert sha(ref) == sha(dcmdjpeg(f"{work}/{name}.dcm")), name   # same coefficients, same pixels
    keep(f"{name}-restart{interval}", restarted, ds, ref)

with open(f"{out}/vectors.txt", "w") as f:
    f.write("# file columns rows precision sha256-of-dcmdjpeg-decoding (made by scripts/make-jpeg12-vectors.sh)\n")
    f.write("\n".join(lines) + "\n")
print(f"{len(lines)} JPEG vectors in {out}")
PYTHON
ls -l "$OUT"
du -sh "$OUT"
