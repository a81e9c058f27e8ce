#!/usr/bin/env bash
# Smoke test of the installer build (./mvnw -Pinstaller package): runs the jpackage app image as a user would and
# compares it with `java -jar target/hardy.jar`.
#
#   bash installer/smoke-test.sh [APP_IMAGE]     (default: target/installer/hardy; .ci/run calls it)
#
# 1. `hardy --version` and `hardy info` on the demo study print what the jar prints, with the class-data archive
#    (AppCDS) the .deb writes at install time in place.
# 2. `hardy segment` on the demo study, offline (no network namespace when `unshare` allows it), writes the same
#    labels as the jar: with the packaged default model, else the PyTorch-exported test model from
#    scripts/fetch-inference-data.sh (HARDY_SMOKE_MODEL=DIR for another); skipped with a notice when there is none.
# 3. The GUI starts under Xvfb with the demo study (its log says it is shown) and keeps running until closed.
# 4. When the .deb is there: its control file and layout (desktop entry, MIME types, /usr/bin/hardy link).
# Each user folder goes to a temporary XDG_DATA_HOME. Exits non-zero on the first failure.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
APP=${1:-$REPO/target/installer/hardy}
HARDY=$APP/bin/hardy
JAR=$REPO/target/hardy.jar
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
DEMO=$REPO/assets/demo/demo_t2w.nii.gz
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export XDG_DATA_HOME=$WORK/data

fail() { echo "smoke-test: FAIL: $*" >&2; exit 1; }
pass() { echo "smoke-test: ok: $*"; }
[ -x "$HARDY" ] || fail "no launcher at $HARDY (run ./mvnw -Pinstaller package first)"
[ -f "$JAR" ] || fail "no $JAR"
[ -f "$DEMO" ] || fail "no demo study at $DEMO"

# No network for the packaged app when this kernel lets us make an empty network namespace.
OFFLINE=()
if unshare -rn true 2>/dev/null; then OFFLINE=(unshare -rn); elif unshare -n true 2>/dev/null; then OFFLINE=(unshare -n); fi
[ ${#OFFLINE[@]} -gt 0 ] && echo "smoke-test: packaged app runs in an empty network namespace (${OFFLINE[*]})" ||
    echo "smoke-test: notice: unshare unavailable; packaged app runs with the network it has"

# Same stdout and exit code from the packaged launcher and from the jar.
same() {
    local what=$1; shift
    local a=0 b=0
    "${OFFLINE[@]}" "$HARDY" "$@" > "$WORK/app.out" 2> "$WORK/app.err" || a=$?
    "$JAVA" --enable-native-access=ALL-UNNAMED -jar "$JAR" "$@" > "$WORK/jar.out" 2> "$WORK/jar.err" || b=$?
    if [ "$a" -ne 0 ] || [ "$b" -ne 0 ]; then
        cat "$WORK/app.err" >&2
        fail "$what: exit codes app=$a jar=$b"
    fi
    diff -u "$WORK/jar.out" "$WORK/app.out" >&2 || fail "$what: packaged output differs from the jar's"
    pass "$what"
}

# The class-data archive, written as the .deb's postinst writes it (installer/linux/postinst), then used silently.
rm -f "$APP/lib/app/hardy.jsa"
JAVA_TOOL_OPTIONS=-XX:+AutoCreateSharedArchive "$HARDY" --version > /dev/null 2>&1 || fail "writing the class-data archive"
[ -s "$APP/lib/app/hardy.jsa" ] || fail "no class-data archive at $APP/lib/app/hardy.jsa"
pass "class-data archive written ($(stat -c %s "$APP/lib/app/hardy.jsa") bytes)"

same "hardy --version" --version
grep -q '^Hardy ' "$WORK/app.out" || fail "--version printed no 'Hardy ' line"
same "hardy info (demo study)" info "$DEMO"

# Segmentation: the packaged default model if the image has one, else the test model.
MODEL_ARGS=()
if [ -n "$(ls -A "$APP/lib/app/assets/models" 2>/dev/null)" ]; then
    MODEL_DESC="packaged default model"
else
    MODEL=${HARDY_SMOKE_MODEL:-$REPO/.cache/inference/torch-unet-small}
    [ -f "$MODEL/model.onnx" ] && MODEL_ARGS=(--model "$MODEL") && MODEL_DESC="$MODEL"
fi
if [ -n "${MODEL_DESC:-}" ]; then
    "${OFFLINE[@]}" "$HARDY" segment "${MODEL_ARGS[@]}" --threads 2 -o "$WORK/app_seg.nii.gz" "$DEMO" > /dev/null 2> "$WORK/app.err" ||
        { cat "$WORK/app.err" >&2; fail "packaged hardy segment"; }
    "$JAVA" --enable-native-access=ALL-UNNAMED -jar "$JAR" segment "${MODEL_ARGS[@]}" --threads 2 \
        -o "$WORK/jar_seg.nii.gz" "$DEMO" > /dev/null 2> "$WORK/jar.err" || { cat "$WORK/jar.err" >&2; fail "jar segment"; }
    cmp <(gzip -dc "$WORK/app_seg.nii.gz") <(gzip -dc "$WORK/jar_seg.nii.gz") ||
        fail "hardy segment: packaged labels differ from the jar's"
    pass "hardy segment (demo study, $MODEL_DESC): same labels as the jar"
else
    echo "smoke-test: SKIPPED hardy segment: no packaged model and no test model (bash scripts/fetch-inference-data.sh)"
fi

# GUI: the launcher with no arguments opens the demo study. The app has no hook to quit by itself (screenshots for
# the docs come from the test harness), so the check waits for the app's log to say the study is shown, checks that
# the app is still running a moment later, and closes it.
command -v xvfb-run > /dev/null || fail "xvfb-run not found (apt-get install xvfb xauth)"
start=$(date +%s.%N)
rc=0
timeout 180 xvfb-run -a -s "-screen 0 1600x1000x24" sh -c '
    "$1" > "$2/gui.out" 2>&1 &
    app=$!
    i=0
    while [ $i -lt 120 ]; do
        if find "$2/data" -name "hardy*.log" -exec grep -l "Showing a" {} + 2> /dev/null | grep -q .; then
            sleep 2
            kill -0 $app 2> /dev/null || exit 4  # died after showing the study
            kill $app
            wait $app
            exit 0
        fi
        kill -0 $app 2> /dev/null || exit 3      # died before showing it
        sleep 1
        i=$((i + 1))
    done
    kill $app
    exit 5' sh "$HARDY" "$WORK" || rc=$?
end=$(date +%s.%N)
case $rc in
    0) ;;
    3) cat "$WORK/gui.out" >&2; fail "GUI exited before showing the demo study" ;;
    4) cat "$WORK/gui.out" >&2; fail "GUI exited right after showing the demo study" ;;
    *) cat "$WORK/gui.out" >&2; fail "GUI did not show the demo study within 120 s (exit $rc)" ;;
esac
grep -q "Exception" "$WORK/gui.out" && { cat "$WORK/gui.out" >&2; fail "GUI printed an exception"; }
pass "GUI under Xvfb: demo study shown, still running 2 s later, closed ($(awk "BEGIN{printf \"%.1f\", $end - $start}") s)"

# The .deb, when built: dependencies, desktop entry, file types and the PATH link.
DEB=$(ls "$APP"/../hardy_*.deb 2>/dev/null | head -n1 || true)
if [ -n "$DEB" ]; then
    dpkg-deb -f "$DEB" Depends | grep -q 'libgtk-3-0' || fail "$DEB does not depend on libgtk-3-0"
    dpkg-deb -c "$DEB" > "$WORK/deb.list"
    for f in ./opt/hardy/bin/hardy ./opt/hardy/lib/hardy-hardy.desktop ./opt/hardy/lib/hardy-hardy-MimeInfo.xml \
             ./opt/hardy/lib/app/assets/demo/demo_t2w.nii.gz; do
        grep -q " $f\$" "$WORK/deb.list" || fail "$DEB lacks $f"
    done
    dpkg-deb --ctrl-tarfile "$DEB" | tar -xO ./postinst | grep -q 'ln -sf /opt/hardy/bin/hardy /usr/bin/hardy' ||
        fail "$DEB postinst does not link /usr/bin/hardy"
    dpkg-deb --fsys-tarfile "$DEB" | tar -xO ./opt/hardy/lib/hardy-hardy.desktop | grep -q '^Exec=/opt/hardy/bin/hardy %f$' ||
        fail "$DEB menu entry does not pass the opened file (Exec=... %f)"
    pass "$(basename "$DEB"): depends on GTK, has the desktop entry, MIME types, demo study and /usr/bin/hardy link"
fi
echo "smoke-test: all passed"
