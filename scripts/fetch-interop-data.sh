#!/usr/bin/env bash
# Fetch real-world NIfTI and DICOM files from Debian packages (python3-nibabel's
# and python3-pydicom's test data, mricron-data's templates/atlases), record what
# nibabel and pydicom read in them, and make synthetic DICOM series of known
# geometry that dcm2niix converts.
#
#   bash scripts/fetch-interop-data.sh     (by hand or from CI; idempotent)
#
# Result, in ${HARDY_INTEROP_DIR:-<repo>/.cache/interop}:
#   files/<package>/<path below the package's data dir>   NIfTI-1/NIfTI-2 only
#   expectations.json   written by scripts/nibabel_expectations.py
#   dicom/<package>/<path below the package's data dir>   DICOM only (a gzipped
#                       DICOM file NAME.gz is there gunzipped as NAME)
#   dicom-expectations.json   written by scripts/pydicom_expectations.py
#   series/<name>/      synthetic MR series, series/<name>_dcm2niix/out.nii, and
#   series/series.json  written by scripts/make_dicom_series.py (truth + dcm2niix)
#   transcoded/<series>-<syntax>/   some of those series transcoded by DCMTK and GDCM into
#                       every transfer syntax Hardy decodes, with the independent decoders'
#                       output and dcm2niix conversions, and
#   transcoded/transcodes.json   written by scripts/make_transcodes.py
# The expectations come from nibabel, pydicom and dcm2niix (Debian's packages),
# never from Hardy. Each of the four parts has its own freshness check, so a
# second run is fast. Without apt-get (not Debian) it does nothing and exits 0.
set -euo pipefail

if ! command -v apt-get >/dev/null 2>&1; then
    echo "fetch-interop-data: no apt-get here, skipping the nibabel/pydicom/dcm2niix interop data" >&2
    exit 0
fi

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${HARDY_INTEROP_DIR:-$REPO/.cache/interop}
OUT=$CACHE/expectations.json
EXPECT=$REPO/scripts/nibabel_expectations.py
PY=(/usr/bin/python3 -Es)   # Debian's python, no PYTHONPATH or user site
PKGS=(python3-nibabel mricron-data)
DICOM_PKGS=(python3-pydicom python3-nibabel mricron-data)   # searched for DICOM files
declare -A DATA_DIR=(
    [python3-nibabel]=usr/lib/python3/dist-packages/nibabel
    [mricron-data]=usr/share/mricron
    [python3-pydicom]=usr/lib/python3/dist-packages/pydicom
)
SUDO=()
[ "$(id -u)" -eq 0 ] || SUDO=(sudo -n)

DICOM_DIR=$CACHE/dicom
DICOM_OUT=$CACHE/dicom-expectations.json
DICOM_EXPECT=$REPO/scripts/pydicom_expectations.py
DICOM_COLLECT=$REPO/scripts/collect_dicom.py
SERIES_DIR=$CACHE/series
SERIES_OUT=$SERIES_DIR/series.json
SERIES_MAKE=$REPO/scripts/make_dicom_series.py
TRANSCODE_OUT=$CACHE/transcoded/transcodes.json
TRANSCODE_MAKE=$REPO/scripts/make_transcodes.py
TEMPLATE=$CACHE/files/mricron-data/templates/ch2bet.nii.gz
PYB=("${PY[@]}" -B)   # and no __pycache__ in scripts/

# --- helpers ---------------------------------------------------------------------
# Downloads the .deb of each package that has none in $CACHE/debs yet.
download_debs() {
    local missing=() p
    mkdir -p "$CACHE/debs"
    for p in "$@"; do compgen -G "$CACHE/debs/${p}_*.deb" >/dev/null || missing+=("$p"); done
    [ ${#missing[@]} -gt 0 ] || return 0
    # downloading into a root-owned dir as root: let apt skip its _apt sandbox
    ( cd "$CACHE/debs" && apt-get -q -o APT::Sandbox::User=root download "${missing[@]}" ) ||
        { "${SUDO[@]}" apt-get -q update &&
          ( cd "$CACHE/debs" && apt-get -q -o APT::Sandbox::User=root download "${missing[@]}" ); }
}
# Unpacks the newest .deb of a package into $CACHE/extract/<package> (afresh).
extract_deb() {
    local deb
    rm -rf "$CACHE/extract/$1"
    mkdir -p "$CACHE/extract/$1"
    deb=$(ls -1 "$CACHE/debs/${1}_"*.deb | sort -V | tail -n 1)
    dpkg-deb -x "$deb" "$CACHE/extract/$1"
}
# Installs those Debian packages that are not installed yet (apt-get update first only if
# that is what it takes).
apt_install() {
    local p missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q ' installed$' || missing+=("$p")
    done
    [ ${#missing[@]} -gt 0 ] || return 0
    local run=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends "${missing[@]}")
    "${run[@]}" || { "${SUDO[@]}" apt-get -q update && "${run[@]}"; }
}
# Prints those of the given packages that this machine's apt can install (one apt-cache call).
installable() {
    apt-cache policy "$@" 2>/dev/null |
        awk '/^[^ ].*:$/ { pkg = substr($0, 1, length($0) - 1) }
             /^ +Candidate:/ && $2 != "(none)" { print pkg }'
}

# ==== 1. NIfTI files and nibabel's expectations ======================================
nifti_part() {
# Fast path: expectations are fresh and nibabel is here for the convert check (ConvertInteropTest).
if [ -f "$OUT" ] && [ "$OUT" -nt "$EXPECT" ] && [ "$OUT" -nt "$REPO/scripts/nibabel_compare.py" ] &&
   "${PY[@]}" -c 'import nibabel' 2>/dev/null; then
    echo "fetch-interop-data: $OUT is up to date"
    return 0
fi

# --- download and unpack the packages -------------------------------------
download_debs "${PKGS[@]}"
for p in "${PKGS[@]}"; do
    extract_deb "$p"
done

# --- copy the NIfTI files ----------------------------------------------------
# Prints nifti1/nifti2 when the file's header (gunzipped if .gz) has the magic.
nifti_magic() {
    local hex
    hex=$( { if [[ $1 == *.gz ]]; then gzip -dc -- "$1" 2>/dev/null; else cat -- "$1"; fi; } |
           head -c 348 | od -An -v -tx1 | tr -d ' \n' || true)
    case ${hex:688:8} in 6e2b3100|6e693100) echo nifti1; return ;; esac
    case ${hex:8:8} in 6e2b3200|6e693200)
        case ${hex:0:8} in 1c020000|0000021c) echo nifti2 ;; esac ;;
    esac
}
rm -rf "$CACHE/files"
for p in "${PKGS[@]}"; do
    src=$CACHE/extract/$p/${DATA_DIR[$p]}
    while IFS= read -r -d '' f; do
        [ -n "$(nifti_magic "$f")" ] || continue      # ANALYZE 7.5 or not an image
        rel=${f#"$src"/}
        mkdir -p "$CACHE/files/$p/$(dirname "$rel")"
        cp -p "$f" "$CACHE/files/$p/$rel"
        if [[ $f == *.hdr || $f == *.hdr.gz ]]; then  # bring the .img of a pair
            base=${f%.gz}; base=${base%.hdr}
            for img in "$base.img" "$base.img.gz"; do
                if [ -f "$img" ]; then cp -p "$img" "$CACHE/files/$p/${img#"$src"/}"; fi
            done
        fi
    done < <(find "$src" -type f \( -name '*.nii' -o -name '*.nii.gz' -o -name '*.hdr' \
                                    -o -name '*.hdr.gz' \) -print0 | sort -z)
done

# --- nibabel's expectations -----------------------------------------------------
if ! "${PY[@]}" -c 'import nibabel' 2>/dev/null; then
    install_nibabel() { "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get -q install -y --no-install-recommends python3-nibabel python3-numpy; }
    install_nibabel || { "${SUDO[@]}" apt-get -q update && install_nibabel; }
fi
"${PY[@]}" "$EXPECT" "$CACHE/files" "$OUT.tmp"
mv -f "$OUT.tmp" "$OUT"

"${PY[@]}" - "$OUT" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
fs = d['files']
ok = sum(1 for f in fs if not f['error'] and f.get('vol0'))
bad = [f['path'] for f in fs if f['error']]
per = {}
for f in fs:
    per[f['path'].split('/')[0]] = per.get(f['path'].split('/')[0], 0) + 1
print(f"fetch-interop-data: {len(fs)} NIfTI files ({', '.join(f'{k} {v}' for k, v in sorted(per.items()))}),"
      f" {ok} with expectations, {len(bad)} nibabel could not load"
      f"{': ' + ', '.join(bad) if bad else ''} [{d['generator']}]")
EOF
}

# ==== 2. DICOM files and pydicom's expectations ======================================
dicom_part() {
if [ -f "$DICOM_OUT" ] && [ -d "$DICOM_DIR" ] && [ "$DICOM_OUT" -nt "$DICOM_EXPECT" ] &&
   [ "$DICOM_OUT" -nt "$DICOM_COLLECT" ] && "${PY[@]}" -c 'import pydicom' 2>/dev/null; then
    echo "fetch-interop-data: $DICOM_OUT is up to date"
    return 0
fi
download_debs "${DICOM_PKGS[@]}"
local p args=() handlers=()
for p in "${DICOM_PKGS[@]}"; do
    extract_deb "$p"
    args+=("$p=$CACHE/extract/$p/${DATA_DIR[$p]}")
done
# pydicom and the pixel data handlers Debian has (GDCM: JPEG, JPEG-LS, JPEG 2000, Pillow: JPEG,
# JPEG 2000; the pylibjpeg family and python3-jpeg-ls are not in bookworm, taken if a release has them)
local wanted=(python3-gdcm python3-pil python3-pylibjpeg python3-pylibjpeg-libjpeg
              python3-pylibjpeg-openjpeg python3-pylibjpeg-rle python3-jpeg-ls)
mapfile -t handlers < <(installable python3-pydicom "${wanted[@]}")
if [[ " ${handlers[*]} " != *" python3-pydicom "* ]]; then   # stale or no package lists
    "${SUDO[@]}" apt-get -q update
    mapfile -t handlers < <(installable python3-pydicom "${wanted[@]}")
fi
apt_install python3-pydicom python3-numpy "${handlers[@]}"
"${PYB[@]}" "$DICOM_COLLECT" "$DICOM_DIR" "${args[@]}"
# GDCM and the codecs print their complaints on stderr: keep them in a log, show it on failure
if ! "${PYB[@]}" "$DICOM_EXPECT" "$DICOM_DIR" "$DICOM_OUT" 2>"$CACHE/dicom-expectations.log"; then
    cat "$CACHE/dicom-expectations.log" >&2
    return 1
fi
"${PY[@]}" - "$DICOM_OUT" <<'EOF'
import collections, json, sys
d = json.load(open(sys.argv[1]))
fs = d['files']
per = collections.Counter(f['path'].split('/')[0] for f in fs)
dec = sum(1 for f in fs if f['pixels'])
nopix = sum(1 for f in fs if not f['has_pixel_data'] and not f['read_error'])
bad = [f['path'] for f in fs if f['decode_error'] or f['read_error']]
print(f"fetch-interop-data: {len(fs)} DICOM files ({', '.join(f'{k} {v}' for k, v in sorted(per.items()))}),"
      f" {dec} decoded, {nopix} without pixel data, {len(bad)} pydicom could not read or decode"
      f"{': ' + ', '.join(p.rsplit('/', 1)[-1] for p in bad) if bad else ''} [{d['generator']}]")
EOF
}

# ==== 3. synthetic DICOM series, converted by dcm2niix =================================
series_part() {
if [ ! -f "$TEMPLATE" ]; then
    echo "fetch-interop-data: no $TEMPLATE, skipping the synthetic DICOM series" >&2
    return 0
fi
if [ -f "$SERIES_OUT" ] && [ "$SERIES_OUT" -nt "$SERIES_MAKE" ] && [ "$SERIES_OUT" -nt "$TEMPLATE" ] &&
   command -v dcm2niix >/dev/null 2>&1; then
    echo "fetch-interop-data: $SERIES_OUT is up to date"
    return 0
fi
apt_install dcm2niix python3-pydicom python3-nibabel python3-numpy
"${PYB[@]}" "$SERIES_MAKE" "$SERIES_DIR" "$TEMPLATE"
}

# ==== 4. those series transcoded by DCMTK and GDCM ======================================
transcode_part() {
if [ ! -f "$SERIES_OUT" ]; then
    echo "fetch-interop-data: no $SERIES_OUT, skipping the transcoded series" >&2
    return 0
fi
if [ -f "$TRANSCODE_OUT" ] && [ "$TRANSCODE_OUT" -nt "$TRANSCODE_MAKE" ] && [ "$TRANSCODE_OUT" -nt "$SERIES_OUT" ] &&
   [ "$TRANSCODE_OUT" -nt "$SERIES_MAKE" ] && command -v dcmcjpeg >/dev/null 2>&1 &&
   command -v gdcmconv >/dev/null 2>&1; then
    echo "fetch-interop-data: $TRANSCODE_OUT is up to date"
    return 0
fi
apt_install dcmtk libgdcm-tools dcm2niix python3-pydicom python3-nibabel python3-numpy
local t0=$SECONDS
"${PYB[@]}" "$TRANSCODE_MAKE" "$CACHE"
echo "fetch-interop-data: transcoded series written in $((SECONDS - t0)) s"
}

nifti_part
dicom_part
series_part
transcode_part
