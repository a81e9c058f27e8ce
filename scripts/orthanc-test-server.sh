#!/usr/bin/env bash
# A throw-away Orthanc (with its DICOMweb plugin) on 127.0.0.1, for Hardy's PACS tests and benchmark.
#
#   scripts/orthanc-test-server.sh start STATE_DIR [--auth USER] [--load DIR]...
#   scripts/orthanc-test-server.sh stop STATE_DIR
#
# start: writes a configuration into STATE_DIR (a random free HTTP port, the DICOM server disabled, storage in
# STATE_DIR/storage, only local connections, the DicomWeb plugin at /dicom-web), starts Orthanc at low priority,
# waits until it answers, uploads every file under each --load DIR through its REST API (POST /instances), and
# prints "port=N". With --auth USER, HTTP basic authentication is on, with the password taken from the
# ORTHANC_TEST_PASSWORD environment variable (never from the command line, which `ps` shows); the configuration
# holding it is mode 600. STATE_DIR/port and STATE_DIR/pid record the server; STATE_DIR/orthanc.log its log.
# stop: stops the server recorded in STATE_DIR (TERM, then KILL after 10 s) and deletes its storage.
# Exit codes: 0 done, 1 failure (reason on stderr), 3 Orthanc or its DICOMweb plugin is not installed.
set -euo pipefail

ORTHANC=${ORTHANC:-/usr/sbin/Orthanc}
PLUGIN=${ORTHANC_DICOMWEB_PLUGIN:-}
die() { echo "orthanc-test-server: $*" >&2; exit 1; }

find_plugin() {
    if [ -n "$PLUGIN" ]; then echo "$PLUGIN"; return; fi
    for p in /usr/share/orthanc/plugins/libOrthancDicomWeb.so /usr/lib/orthanc/libOrthancDicomWeb.so*; do
        if [ -f "$p" ]; then echo "$p"; return; fi
    done
    if command -v dpkg >/dev/null 2>&1; then
        dpkg -L orthanc-dicomweb 2>/dev/null | grep -m1 'libOrthancDicomWeb\.so' || true
    fi
}

free_port() {
    /usr/bin/python3 -Es -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# curl with the credentials in a config read from stdin, so they never appear in `ps`.
ocurl() {
    if [ -n "${AUTH_USER:-}" ]; then
        printf 'user = "%s:%s"\n' "$AUTH_USER" "$ORTHANC_TEST_PASSWORD" | curl -K - "$@"
    else
        curl "$@"
    fi
}

start() {
    local state=$1; shift
    local loads=()
    AUTH_USER=
    while [ $# -gt 0 ]; do
        case $1 in
            --auth) AUTH_USER=${2:?--auth needs a user name}; shift 2 ;;
            --load) loads+=("${2:?--load needs a folder}"); shift 2 ;;
            *) die "unknown option $1" ;;
        esac
    done
    [ -x "$ORTHANC" ] || { echo "orthanc-test-server: $ORTHANC not found (apt-get install orthanc orthanc-dicomweb)" >&2; exit 3; }
    local plugin; plugin=$(find_plugin)
    [ -n "$plugin" ] && [ -f "$plugin" ] || { echo "orthanc-test-server: the DICOMweb plugin is not installed (apt-get install orthanc-dicomweb)" >&2; exit 3; }
    if [ -n "$AUTH_USER" ] && [ -z "${ORTHANC_TEST_PASSWORD:-}" ]; then
        die "--auth needs the password in ORTHANC_TEST_PASSWORD"
    fi
    mkdir -p "$state"
    if [ -f "$state/pid" ] && kill -0 "$(cat "$state/pid")" 2>/dev/null; then
        die "an Orthanc of $state is already running (pid $(cat "$state/pid"))"
    fi
    rm -rf "$state/storage"; mkdir -p "$state/storage"
    local port attempt
    for attempt in 1 2 3; do
        port=$(free_port)
        local users='{}' auth=false
        if [ -n "$AUTH_USER" ]; then
            auth=true
            users=$(AUTH_USER=$AUTH_USER /usr/bin/python3 -Es -c 'import json, os; print(json.dumps({os.environ["AUTH_USER"]: os.environ["ORTHANC_TEST_PASSWORD"]}))')
        fi
        (umask 077; cat >"$state/orthanc.json" <<JSON
{
  "Name": "hardy-test",
  "StorageDirectory": "$state/storage",
  "IndexDirectory": "$state/storage",
  "HttpPort": $port,
  "HttpServerEnabled": true,
  "RemoteAccessAllowed": false,
  "DicomServerEnabled": false,
  "AuthenticationEnabled": $auth,
  "RegisteredUsers": $users,
  "HttpThreadsCount": 8,
  "HttpTimeout": 60,
  "StableAge": 1,
  "SaveJobs": false,
  "Plugins": ["$plugin"],
  "DicomWeb": { "Enable": true, "Root": "/dicom-web/", "EnableWado": true, "Ssl": false }
}
JSON
        )
        nice -n 15 "$ORTHANC" --logfile="$state/orthanc.log" "$state/orthanc.json" >/dev/null 2>&1 &
        local pid=$!
        echo "$pid" >"$state/pid"
        echo "$port" >"$state/port"
        local i
        for i in $(seq 1 150); do
            if ! kill -0 "$pid" 2>/dev/null; then break; fi
            if ocurl -s -o /dev/null -f "http://127.0.0.1:$port/system"; then
                load "$port" "${loads[@]+"${loads[@]}"}"
                echo "port=$port"
                return 0
            fi
            sleep 0.2
        done
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        rm -f "$state/pid"
        echo "orthanc-test-server: Orthanc did not answer on port $port (attempt $attempt); see $state/orthanc.log" >&2
    done
    die "Orthanc would not start; last log lines: $(tail -5 "$state/orthanc.log" 2>/dev/null | tr '\n' ' ')"
}

load() {
    local port=$1; shift
    local dir f n=0
    for dir in "$@"; do
        [ -d "$dir" ] || die "no folder $dir to load"
        while IFS= read -r -d '' f; do
            ocurl -s -f -o /dev/null -X POST -H 'Content-Type: application/dicom' --data-binary "@$f" \
                "http://127.0.0.1:$port/instances" || die "Orthanc refused $f"
            n=$((n + 1))
        done < <(find "$dir" -type f -print0 | sort -z)
    done
    [ "$n" -eq 0 ] || echo "orthanc-test-server: loaded $n instances" >&2
}

stop() {
    local state=$1
    [ -f "$state/pid" ] || return 0
    local pid; pid=$(cat "$state/pid")
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        local i
        for i in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$state/pid"
    rm -rf "$state/storage"
}

case ${1:-} in
    start) [ $# -ge 2 ] || die "usage: start STATE_DIR [--auth USER] [--load DIR]..."; s=$2; shift 2; start "$s" "$@" ;;
    stop) [ $# -eq 2 ] || die "usage: stop STATE_DIR"; stop "$2" ;;
    *) echo "usage: $0 start STATE_DIR [--auth USER] [--load DIR]... | stop STATE_DIR" >&2; exit 2 ;;
esac
