#!/usr/bin/env bash
# Fetch real-world NIfTI files from Debian packages (python3-nibabel's test
# data, mricron-data's templates/atlases) and record what nibabel reads in them.
#
#   bash scripts/fetch-interop-data.sh     (by hand or from CI; idempotent)
#
# Result, in ${HARDY_INTEROP_DIR:-<repo>/.cache/interop}:
#   files/<package>/<path below the package's data dir>   NIfTI-1/NIfTI-2 only
#   expectations.json   written by scripts/nibabel_expectations.py
# The expectations come from nibabel (Debian's python3-nibabel), never from
# Hardy. Without apt-get (not Debian) it does nothing and exits 0.
set -euo pipefail

if ! command -v apt-get >/dev/null 2>&1; then
    echo "fetch-interop-data: no apt-get here, skipping the nibabel interop data" >&2
    exit 0
fi

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${HARDY_INTEROP_DIR:-$REPO/.cache/interop}
OUT=$CACHE/expectations.json
EXPECT=$REPO/scripts/nibabel_expectations.py
PY=(/usr/bin/python3 -Es)   # Debian's python, no PYTHONPATH or user site
PKGS=(python3-nibabel mricron-data)
declare -A DATA_DIR=(
    [python3-nibabel]=usr/lib/python3/dist-packages/nibabel
    [mricron-data]=usr/share/mricron
)
SUDO=()
[ "$(id -u)" -eq 0 ] || SUDO=(sudo -n)

# Fast path: expectations are fresh and nibabel is here for the convert check (ConvertInteropTest).
if [ -f "$OUT" ] && [ "$OUT" -nt "$EXPECT" ] && [ "$OUT" -nt "$REPO/scripts/nibabel_compare.py" ] &&
   "${PY[@]}" -c 'import nibabel' 2>/dev/null; then
    echo "fetch-interop-data: $OUT is up to date"
    exit 0
fi

# --- download and unpack the packages -------------------------------------
mkdir -p "$CACHE/debs"
have_debs() { for p in "${PKGS[@]}"; do compgen -G "$CACHE/debs/${p}_*.deb" >/dev/null || return 1; done; }
if ! have_debs; then
    # downloading into a root-owned dir as root: let apt skip its _apt sandbox
    ( cd "$CACHE/debs" && apt-get -q -o APT::Sandbox::User=root download "${PKGS[@]}" ) ||
        { "${SUDO[@]}" apt-get -q update &&
          ( cd "$CACHE/debs" && apt-get -q -o APT::Sandbox::User=root download "${PKGS[@]}" ); }
fi
for p in "${PKGS[@]}"; do
    rm -rf "$CACHE/extract/$p"
    mkdir -p "$CACHE/extract/$p"
    deb=$(ls -1 "$CACHE/debs/${p}_"*.deb | sort -V | tail -n 1)
    dpkg-deb -x "$deb" "$CACHE/extract/$p"
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
