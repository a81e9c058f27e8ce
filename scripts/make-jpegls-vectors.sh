#!/usr/bin/env bash
# Make the JPEG-LS test vectors of JpegLsDecoderTest with encoders other than Hardy's:
#   CharLS 2.4.1 (Debian libcharls2, called through ctypes),
#   FFmpeg's own JPEG-LS encoder (Debian ffmpeg, libavcodec; independent of CharLS),
#   DCMTK dcmcjpls (Debian dcmtk; its bundled, older CharLS fork "dcmtkcharls").
#
#   bash scripts/make-jpegls-vectors.sh     (by hand; needs apt-get on Debian/Ubuntu)
#
# Writes into src/test/resources/hardy/io/dicom/codec/jpegls/:
#   *.pgm / *.ppm     the original images (made here from a fixed random seed)
#   <encoder>-*.jls   JPEG-LS codestreams (SOI..EOI)
#   vectors.txt       one line per codestream: file, original, NEAR, precision, and the SHA-256 of the
#                     samples CharLS 2.4.1 decodes from it (uint16 little-endian, interleaved by pixel)
# The ISO conformance files are not part of the repository (see README.txt).
# Every codestream is checked here: the reference decode equals the original (lossless) or is within NEAR of
# it, and FFmpeg's and DCMTK's decoders agree with CharLS where they can decode the file.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$REPO/src/test/resources/hardy/io/dicom/codec/jpegls
PY=(/usr/bin/python3 -Es -B)   # Debian's python, no PYTHONPATH or user site
PKGS=(libcharls2 ffmpeg dcmtk python3-numpy python3-pydicom)
SUDO=()
[ "$(id -u)" -eq 0 ] || SUDO=(sudo -n)

missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
    run=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends "${missing[@]}")
    "${run[@]}" || { "${SUDO[@]}" apt-get -q update && "${run[@]}"; }
fi

mkdir -p "$OUT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT


# --- 1. originals, and CharLS + stitched-restart vectors (python, ctypes on libcharls.so.2) -----------------
"${PY[@]}" - "$OUT" "$WORK" <<'PYTHON'
import ctypes, hashlib, os, struct, sys
import numpy as np

out, work = sys.argv[1], sys.argv[2]
lib = ctypes.CDLL("libcharls.so.2")

class FrameInfo(ctypes.Structure):
    _fields_ = [("width", ctypes.c_uint32), ("height", ctypes.c_uint32),
                ("bits_per_sample", ctypes.c_int32), ("component_count", ctypes.c_int32)]

class PcParameters(ctypes.Structure):
    _fields_ = [("maximum_sample_value", ctypes.c_int32), ("threshold1", ctypes.c_int32),
                ("threshold2", ctypes.c_int32), ("threshold3", ctypes.c_int32), ("reset_value", ctypes.c_int32)]

P = ctypes.c_void_p
lib.charls_jpegls_encoder_create.restype = P
lib.charls_jpegls_decoder_create.restype = P
lib.charls_get_error_message.restype = ctypes.c_char_p
for name in ("charls_jpegls_encoder_destroy", "charls_jpegls_decoder_destroy"):
    getattr(lib, name).argtypes = [P]

def check(errc):
    if errc != 0:
        raise RuntimeError(lib.charls_get_error_message(errc).decode())

def write_pnm(path, img, maxval):
    h, w = img.shape[:2]
    magic = b"P6" if img.ndim == 3 else b"P5"
    data = img.astype(">u2" if maxval > 255 else "u1").tobytes()
    with open(path, "wb") as f:
        f.write(b"%s\n%d %d\n%d\n" % (magic, w, h, maxval) + data)

def synth(h, w, maxval, seed):
    """Gradients, noise, flat areas (run mode), full-range noise (escape codes), extremes and spikes."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w]
    img = (0.55 * x / max(w - 1, 1) + 0.35 * y / max(h - 1, 1)) * maxval
    img[:, w // 2:] += rng.normal(0, maxval * 0.02 + 0.5, (h, w - w // 2))
    img = np.clip(np.rint(img), 0, maxval).astype(np.int64)
    if w < 32:  # a column: a ramp, a flat stretch, noise
        img[10:20] = maxval // 2
        img[25:] = rng.integers(0, maxval + 1, img[25:].shape)
        return img
    img[3:17, 5:29] = maxval // 3                      # flat: runs, run interruptions at its edges
    img[h - 12:h - 2, w - 20:w - 4] = 0                # flat at the minimum
    img[20:24, 30:40] = maxval                         # flat at the maximum
    img[h - 10:h - 1, 2:12] = rng.integers(0, maxval + 1, (9, 10))   # full-range noise
    img[rng.integers(0, h, 12), rng.integers(0, w, 12)] = maxval     # isolated spikes
    return img

def encode(img, bits, near=0, ilv=0, pc=None):
    h, w = img.shape[:2]
    comps = img.shape[2] if img.ndim == 3 else 1
    dtype = "<u2" if bits > 8 else "u1"
    src = (np.moveaxis(img, 2, 0) if comps > 1 and ilv == 0 else img).astype(dtype).tobytes()
    enc = lib.charls_jpegls_encoder_create()
    try:
        check(lib.charls_jpegls_encoder_set_frame_info(P(enc), ctypes.byref(FrameInfo(w, h, bits, comps))))
        check(lib.charls_jpegls_encoder_set_near_lossless(P(enc), near))
        check(lib.charls_jpegls_encoder_set_interleave_mode(P(enc), ilv))
        if pc is not None:
            check(lib.charls_jpegls_encoder_set_preset_coding_parameters(P(enc), ctypes.byref(PcParameters(*pc))))
        size = ctypes.c_size_t()
        check(lib.charls_jpegls_encoder_get_estimated_destination_size(P(enc), ctypes.byref(size)))
        dst = ctypes.create_string_buffer(size.value)
        check(lib.charls_jpegls_encoder_set_destination_buffer(P(enc), dst, size))
        check(lib.charls_jpegls_encoder_encode_from_buffer(P(enc), src, ctypes.c_size_t(len(src)), 0))
        check(lib.charls_jpegls_encoder_get_bytes_written(P(enc), ctypes.byref(size)))
        return dst.raw[:size.value]
    finally:
        lib.charls_jpegls_encoder_destroy(P(enc))

os.makedirs(out, exist_ok=True)
originals = {
    "gray2.pgm": (synth(45, 67, 3, 2), 3),
    "gray8.pgm": (synth(45, 67, 255, 8), 255),
    "gray12.pgm": (synth(48, 64, 4000, 12), 4000),       # 12 bits stored
    "gray16.pgm": (synth(48, 64, 65535, 16), 65535),
    "column8.pgm": (synth(37, 1, 255, 1), 255),
    "rgb8.ppm": (np.stack([synth(45, 67, 255, 80 + c) for c in range(3)], axis=2), 255),
}
for name, (img, maxval) in originals.items():
    write_pnm(os.path.join(out, name), img, maxval)
    np.save(os.path.join(work, name + ".npy"), img)

charls = [  # file, original, bits, NEAR, interleave, preset (MAXVAL, T1, T2, T3, RESET) or None
    ("charls-gray2-lossless.jls", "gray2.pgm", 2, 0, 0, None),
    ("charls-gray8-near2.jls", "gray8.pgm", 8, 2, 0, None),
    ("charls-column8-lossless.jls", "column8.pgm", 8, 0, 0, None),
    ("charls-gray12-lossless.jls", "gray12.pgm", 12, 0, 0, None),
    ("charls-gray12-near3.jls", "gray12.pgm", 12, 3, 0, None),
    # LSE presets: thresholds and RESET. Not MAXVAL: CharLS 2.4.1 writes a preset MAXVAL below 2^P - 1 into the
    # LSE segment but codes with 2^P - 1 (and clamps with a bit mask), so such streams do not conform to T.87.
    ("charls-gray12-lse-near1.jls", "gray12.pgm", 12, 1, 0, (4095, 20, 70, 300, 32)),
    ("charls-gray8-lse-lossless.jls", "gray8.pgm", 8, 0, 0, (255, 5, 9, 30, 20)),
    ("charls-gray16-lossless.jls", "gray16.pgm", 16, 0, 0, None),
    ("charls-gray16-near5.jls", "gray16.pgm", 16, 5, 0, None),
    ("charls-rgb8-none-lossless.jls", "rgb8.ppm", 8, 0, 0, None),
    ("charls-rgb8-line-lossless.jls", "rgb8.ppm", 8, 0, 1, None),
    ("charls-rgb8-sample-lossless.jls", "rgb8.ppm", 8, 0, 2, None),
    ("charls-rgb8-sample-near2.jls", "rgb8.ppm", 8, 2, 2, None),
]
for name, orig, bits, near, ilv, pc in charls:
    with open(os.path.join(out, name), "wb") as f:
        f.write(encode(np.load(os.path.join(work, orig + ".npy")), bits, near, ilv, pc))

# Restart markers: CharLS 2.4.1 cannot write them, but T.87 codes each restart interval like a new image
# (contexts, run index and the line above reset), so the scans of stripes CharLS encoded separately, joined by
# RSTm markers under one frame header with a DRI segment, make a valid codestream.
def split(stream):
    """Returns (segments before SOS as (marker, payload), SOS payload, entropy-coded data)."""
    assert stream[:2] == b"\xff\xd8"
    p, segments = 2, []
    while True:
        marker = stream[p + 1]
        length = struct.unpack(">H", stream[p + 2:p + 4])[0]
        payload = stream[p + 4:p + 2 + length]
        p += 2 + length
        if marker == 0xDA:
            end = stream.rindex(b"\xff\xd9")
            return segments, payload, stream[p:end]
        segments.append((marker, payload))

def restart_vector(img, bits, interval, near):
    h = img.shape[0]
    parts = [split(encode(img[y:y + interval], bits, near)) for y in range(0, h, interval)]
    segments, sos, _ = parts[0]
    body = b""
    for marker, payload in segments:
        if marker == 0xF7:  # frame header: the full height
            payload = payload[:1] + struct.pack(">H", h) + payload[3:]
        body += bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload
    body += b"\xff\xdd" + struct.pack(">HH", 4, interval)
    body += b"\xff\xda" + struct.pack(">H", len(sos) + 2) + sos
    for i, (_, _, data) in enumerate(parts):
        if i:
            body += bytes([0xFF, 0xD0 + (i - 1) % 8])
        body += data
    return b"\xff\xd8" + body + b"\xff\xd9"

with open(os.path.join(out, "charls-stripes-gray12-restart4-lossless.jls"), "wb") as f:
    f.write(restart_vector(np.load(os.path.join(work, "gray12.pgm.npy")), 12, 4, 0))
PYTHON

# --- 2. FFmpeg (its -pred option is JPEG-LS NEAR) -------------------------------------------------------------
ff() { ffmpeg -nostdin -v error -y "$@"; }
ff -i "$OUT/gray8.pgm" -c:v jpegls -pred 0 -f image2 "$OUT/ffmpeg-gray8-lossless.jls"
ff -i "$OUT/gray8.pgm" -c:v jpegls -pred 2 -f image2 "$OUT/ffmpeg-gray8-near2.jls"
ff -i "$OUT/gray16.pgm" -pix_fmt gray16le -c:v jpegls -pred 0 -f image2 "$OUT/ffmpeg-gray16-lossless.jls"
ff -i "$OUT/gray16.pgm" -pix_fmt gray16le -c:v jpegls -pred 1 -f image2 "$OUT/ffmpeg-gray16-near1.jls"
ff -i "$OUT/rgb8.ppm" -pix_fmt rgb24 -c:v jpegls -pred 0 -f image2 "$OUT/ffmpeg-rgb8-lossless.jls"

# --- 3. DCMTK: a DICOM file around the pixels (pydicom), dcmcjpls, and the frame taken back out (pydicom) -----
"${PY[@]}" - "$OUT" "$WORK" <<'PYTHON'
import sys
import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

out, work = sys.argv[1], sys.argv[2]
for name, bits_stored in (("gray12.pgm", 12), ("gray16.pgm", 16), ("gray8.pgm", 8)):
    img = np.load(f"{work}/{name}.npy")
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "OT"
    ds.Rows, ds.Columns = img.shape
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated = 8 if bits_stored == 8 else 16
    ds.BitsStored = bits_stored
    ds.HighBit = bits_stored - 1
    ds.PixelRepresentation = 0
    ds.PixelData = img.astype("u1" if bits_stored == 8 else "<u2").tobytes()
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(f"{work}/{name}.dcm", write_like_original=False)
PYTHON
dcm() { dcmcjpls -q "$@"; }
dcm "$WORK/gray12.pgm.dcm" "$WORK/dcmtk-gray12-lossless.dcm"
dcm +en +md 2 "$WORK/gray12.pgm.dcm" "$WORK/dcmtk-gray12-near2.dcm"
dcm +t1 10 +t2 50 +t3 250 +rs 48 "$WORK/gray12.pgm.dcm" "$WORK/dcmtk-gray12-thresholds-lossless.dcm"
dcm "$WORK/gray16.pgm.dcm" "$WORK/dcmtk-gray16-lossless.dcm"
dcm +en +md 4 "$WORK/gray16.pgm.dcm" "$WORK/dcmtk-gray16-near4.dcm"
dcm "$WORK/gray8.pgm.dcm" "$WORK/dcmtk-gray8-lossless.dcm"
"${PY[@]}" - "$OUT" "$WORK" <<'PYTHON'
import glob, os, sys
import pydicom
from pydicom.encaps import generate_pixel_data_frame

out, work = sys.argv[1], sys.argv[2]
for path in sorted(glob.glob(f"{work}/dcmtk-*.dcm")):
    ds = pydicom.dcmread(path)
    frame = next(generate_pixel_data_frame(ds.PixelData, 1))
    with open(os.path.join(out, os.path.basename(path)[:-4] + ".jls"), "wb") as f:
        f.write(frame)
PYTHON

# --- 4. check every codestream against its original and other decoders, write vectors.txt -------------------
"${PY[@]}" - "$OUT" "$WORK" <<'PYTHON'
import ctypes, glob, hashlib, os, subprocess, sys
import numpy as np

out, work = sys.argv[1], sys.argv[2]
lib = ctypes.CDLL("libcharls.so.2")
P = ctypes.c_void_p
lib.charls_jpegls_decoder_create.restype = P
lib.charls_get_error_message.restype = ctypes.c_char_p
lib.charls_jpegls_decoder_destroy.argtypes = [P]

class FrameInfo(ctypes.Structure):
    _fields_ = [("width", ctypes.c_uint32), ("height", ctypes.c_uint32),
                ("bits_per_sample", ctypes.c_int32), ("component_count", ctypes.c_int32)]

def check(errc):
    if errc != 0:
        raise RuntimeError(lib.charls_get_error_message(errc).decode())

def charls_decode(data):
    """Samples interleaved by pixel (CharLS gives planar for interleave none), and the precision."""
    dec = lib.charls_jpegls_decoder_create()
    try:
        check(lib.charls_jpegls_decoder_set_source_buffer(P(dec), data, ctypes.c_size_t(len(data))))
        check(lib.charls_jpegls_decoder_read_header(P(dec)))
        fi = FrameInfo()
        check(lib.charls_jpegls_decoder_get_frame_info(P(dec), ctypes.byref(fi)))
        ilv = ctypes.c_int32()
        check(lib.charls_jpegls_decoder_get_interleave_mode(P(dec), ctypes.byref(ilv)))
        size = ctypes.c_size_t()
        check(lib.charls_jpegls_decoder_get_destination_size(P(dec), 0, ctypes.byref(size)))
        dst = ctypes.create_string_buffer(size.value)
        check(lib.charls_jpegls_decoder_decode_to_buffer(P(dec), dst, size, 0))
    finally:
        lib.charls_jpegls_decoder_destroy(P(dec))
    a = np.frombuffer(dst.raw, "<u2" if fi.bits_per_sample > 8 else "u1").astype(np.int64)
    c = fi.component_count
    if c > 1 and ilv.value == 0:
        a = a.reshape(c, fi.height, fi.width).transpose(1, 2, 0)
    return a.reshape(fi.height, fi.width, c), fi.bits_per_sample

def read_pnm(path):
    with open(path, "rb") as f:
        data = f.read()
    fields, p = [], 0
    while len(fields) < 4:
        while data[p:p + 1].isspace():
            p += 1
        q = p
        while not data[q:q + 1].isspace():
            q += 1
        fields.append(data[p:q]); p = q
    w, h, maxval = int(fields[1]), int(fields[2]), int(fields[3])
    c = 3 if fields[0] == b"P6" else 1
    a = np.frombuffer(data[p + 1:], ">u2" if maxval > 255 else "u1").astype(np.int64)
    return a.reshape(h, w, c)

def sha(img):
    return hashlib.sha256(img.astype("<u2").tobytes()).hexdigest()

def ffmpeg_decode(path, shape, bits):
    pix = ("gray16le" if bits > 8 else "gray") if shape[2] == 1 else "rgb24"
    raw = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", path, "-f", "rawvideo", "-pix_fmt", pix, "-"],
                         check=True, capture_output=True).stdout
    return np.frombuffer(raw, "<u2" if bits > 8 else "u1").astype(np.int64).reshape(shape)

def origin(name):
    stem = name.split("-")[1] if not name.startswith("charls-stripes") else name.split("-")[2]
    return stem + (".ppm" if stem.startswith("rgb") else ".pgm")

lines = []
for path in sorted(glob.glob(f"{out}/*.jls")):
    name = os.path.basename(path)
    data = open(path, "rb").read()
    img, bits = charls_decode(data)
    near = data[data.index(b"\xff\xda") + 5 + 2 * data[data.index(b"\xff\xda") + 4]]
    orig = origin(name)
    if orig != "-":
        o = read_pnm(os.path.join(out, orig))
        assert o.shape == img.shape, (name, o.shape, img.shape)
        dev = int(np.abs(o - img).max())
        assert dev <= near, (name, dev, near)
    if name.startswith("ffmpeg-"):  # FFmpeg decodes its own files too (and only 8/16-bit ones)
        assert sha(ffmpeg_decode(path, img.shape, bits)) == sha(img), name
    if name.startswith("dcmtk-"):   # and so does dcmdjpls, through the DICOM file
        dcm = f"{work}/{name[:-4]}.dcm"
        subprocess.run(["dcmdjpls", "-q", dcm, f"{work}/plain.dcm"], check=True)
        import pydicom
        px = pydicom.dcmread(f"{work}/plain.dcm").pixel_array.astype(np.int64)
        assert sha(px.reshape(img.shape)) == sha(img), name
    lines.append(f"{name} {orig} {near} {bits} {sha(img)}")
with open(os.path.join(out, "vectors.txt"), "w") as f:
    f.write("# file original NEAR precision sha256-of-reference-decode (made by scripts/make-jpegls-vectors.sh)\n")
    f.write("\n".join(lines) + "\n")
print(f"{len(lines)} JPEG-LS vectors in {out}")
PYTHON
ls -l "$OUT"
