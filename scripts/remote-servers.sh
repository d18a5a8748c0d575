#!/usr/bin/env bash
# Two real SPARQL 1.1 servers on loopback, loaded with the build, for the remote tests and the
# scale-out documentation (docs/performance.md):
#
#   * Oxigraph server   — PyPI package `oxigraph` (its CLI) in a tool venv of its own,
#                         `oxigraph load` then `oxigraph serve-read-only --union-default-graph`;
#   * Virtuoso OSE 7    — Debian package virtuoso-opensource-7-bin (+ libpcre3 if missing),
#                         fetched with `apt-get download` and unpacked with `dpkg -x`, no system
#                         install; bulk-loaded with ld_dir / rdf_loader_run through isql.
#
# Usage: scripts/remote-servers.sh start|stop|status [DATASET.nq]
#   start   installs what is missing, (re)loads the dataset if it changed, starts both servers
#           and prints their endpoints as shell assignments (also written to $STATE/endpoints.env):
#             DORTMUND_KG_OXIGRAPH_ENDPOINT=http://127.0.0.1:7878/query
#             DORTMUND_KG_VIRTUOSO_ENDPOINT=http://127.0.0.1:8890/sparql
#   stop    stops the servers this script started (by their pid files).
# Environment: DORTMUND_KG_REMOTE_DIR (state, default .remote-servers/ in the repository),
#   OXIGRAPH_PORT (7878), VIRTUOSO_HTTP_PORT (8890), VIRTUOSO_ISQL_PORT (1111), PYTHON (python3).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${DORTMUND_KG_REMOTE_DIR:-$ROOT/.remote-servers}"
DATASET="${2:-$ROOT/build/dataset.nq}"
PYTHON="${PYTHON:-python3}"
OX_PORT="${OXIGRAPH_PORT:-7878}"
VT_HTTP="${VIRTUOSO_HTTP_PORT:-8890}"
VT_ISQL="${VIRTUOSO_ISQL_PORT:-1111}"
OX_DIR="$STATE/oxigraph"
VT_DIR="$STATE/virtuoso"
VT_ROOT="$VT_DIR/root"
VT_DB="$VT_DIR/db"

log() { echo "remote-servers: $*" >&2; }
die() { log "$*"; exit 1; }

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_http() {  # url, what, log file
  local url="$1" what="$2" logfile="$3"
  for _ in $(seq 1 120); do
    if "$PYTHON" - "$url" <<'EOF' 2>/dev/null; then return 0; fi
import sys, urllib.request
urllib.request.urlopen(sys.argv[1], timeout=2).read()
EOF
    sleep 0.5
  done
  log "$what did not answer at $url; last lines of $logfile:"
  tail -20 "$logfile" >&2 || true
  return 1
}

port_free() {  # port, server name, variable that moves it
  if "$PYTHON" - "$1" <<'EOF' 2>/dev/null; then
import socket, sys
socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1).close()
EOF
    die "port $1 for $2 is taken by another process; set $3 to another port"
  fi
}

dataset_key() { sha256sum "$DATASET" | cut -c1-16; }

# --- Oxigraph -------------------------------------------------------------------------------

install_oxigraph() {
  if [[ -x "$OX_DIR/venv/bin/oxigraph" ]]; then return; fi
  log "installing Oxigraph server (PyPI: oxigraph) into $OX_DIR/venv"
  mkdir -p "$OX_DIR"
  "$PYTHON" -m venv "$OX_DIR/venv"
  "$OX_DIR/venv/bin/pip" install --quiet --disable-pip-version-check oxigraph
}

start_oxigraph() {
  local key data pidfile="$OX_DIR/server.pid"
  key="$(dataset_key)"
  data="$OX_DIR/data-$key"
  if alive "$pidfile" && [[ "$(cat "$OX_DIR/serving" 2>/dev/null)" == "$key" ]]; then
    log "Oxigraph already serving $DATASET"
    return
  fi
  stop_one "$pidfile" Oxigraph
  if [[ ! -f "$data/.loaded" ]]; then
    log "loading $DATASET into Oxigraph ($data)"
    rm -rf "$OX_DIR"/data-*
    "$OX_DIR/venv/bin/oxigraph" load --location "$data" --file "$DATASET" >"$OX_DIR/load.log" 2>&1 \
      || { tail -20 "$OX_DIR/load.log" >&2; die "oxigraph load failed"; }
    touch "$data/.loaded"
  fi
  # The build puts every triple in a named graph; dortmund-kg's queries read the union.
  port_free "$OX_PORT" Oxigraph OXIGRAPH_PORT
  nohup "$OX_DIR/venv/bin/oxigraph" serve-read-only --location "$data" \
    --bind "127.0.0.1:$OX_PORT" --union-default-graph >"$OX_DIR/server.log" 2>&1 &
  echo $! >"$pidfile"
  echo "$key" >"$OX_DIR/serving"
  wait_http "http://127.0.0.1:$OX_PORT/query?query=ASK%7B%7D" Oxigraph "$OX_DIR/server.log"
  alive "$pidfile" || die "Oxigraph exited; see $OX_DIR/server.log"
}

# --- Virtuoso -------------------------------------------------------------------------------

install_virtuoso() {
  if [[ -x "$VT_ROOT/usr/bin/virtuoso-t" ]]; then return; fi
  command -v apt-get >/dev/null || die "Virtuoso needs apt-get (Debian/Ubuntu) to fetch its package"
  log "fetching Virtuoso Open Source 7 (Debian: virtuoso-opensource-7-bin) into $VT_ROOT"
  mkdir -p "$VT_DIR/debs" "$VT_ROOT"
  local pkgs=(virtuoso-opensource-7-bin) dep
  # Libraries it links against that the system lacks are unpacked beside it, not installed.
  for dep in libpcre3 libminizip1 libreadline8 libldap-2.5-0; do
    dpkg -s "$dep" >/dev/null 2>&1 || pkgs+=("$dep")
  done
  (cd "$VT_DIR/debs" && apt-get download "${pkgs[@]}" 2>/dev/null) || {
    log "apt-get download failed; refreshing the package lists once"
    apt-get update -qq >/dev/null 2>&1 || true
    (cd "$VT_DIR/debs" && apt-get download "${pkgs[@]}")
  }
  local deb
  for deb in "$VT_DIR"/debs/*.deb; do dpkg -x "$deb" "$VT_ROOT"; done
  [[ -x "$VT_ROOT/usr/bin/virtuoso-t" ]] || die "virtuoso-t missing after unpacking"
}

vt_env() {
  export LD_LIBRARY_PATH="$VT_ROOT/usr/lib/x86_64-linux-gnu:$VT_ROOT/lib/x86_64-linux-gnu:$VT_ROOT/usr/lib:${LD_LIBRARY_PATH:-}"
}

isql() { "$VT_ROOT/usr/bin/isql-vt" "127.0.0.1:$VT_ISQL" dba dba "exec=$1"; }

write_virtuoso_ini() {
  local dumps="$1"
  cat >"$VT_DB/virtuoso.ini" <<EOF
; Written by scripts/remote-servers.sh: loopback only, a small memory footprint.
[Database]
DatabaseFile = $VT_DB/virtuoso.db
ErrorLogFile = $VT_DB/virtuoso.log
LockFile = $VT_DB/virtuoso.lck
TransactionFile = $VT_DB/virtuoso.trx
xa_persistent_file = $VT_DB/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = $VT_DB/virtuoso-temp.db
TransactionFile = $VT_DB/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:$VT_ISQL
ServerThreads = 10
CheckpointInterval = 60
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000
DirsAllowed = ., $dumps
CaseMode = 2
MaxQueryMem = 1G
VADInstallDir = $VT_DB/vad

[HTTPServer]
ServerPort = 127.0.0.1:$VT_HTTP
ServerRoot = $VT_DB
ServerThreads = 10
MaxClientConnections = 10

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 120
EOF
}

start_virtuoso() {
  local key pidfile="$VT_DIR/server.pid" dumps
  key="$(dataset_key)"
  vt_env
  if alive "$pidfile" && [[ "$(cat "$VT_DIR/serving" 2>/dev/null)" == "$key" ]]; then
    log "Virtuoso already serving $DATASET"
    return
  fi
  stop_one "$pidfile" Virtuoso
  # A fresh database per dataset: the bulk loader then loads exactly the build, nothing stale.
  rm -rf "$VT_DB" && mkdir -p "$VT_DB/load"
  dumps="$VT_DB/load"
  ln -s "$(cd "$(dirname "$DATASET")" && pwd)/$(basename "$DATASET")" "$dumps/dataset.nq"
  write_virtuoso_ini "$dumps"
  port_free "$VT_HTTP" Virtuoso VIRTUOSO_HTTP_PORT
  port_free "$VT_ISQL" Virtuoso VIRTUOSO_ISQL_PORT
  # exec: the pid file holds the server's own pid, not a subshell's
  (cd "$VT_DB" && exec nohup "$VT_ROOT/usr/bin/virtuoso-t" -c virtuoso.ini -f \
    >"$VT_DB/stdout.log" 2>&1) &
  echo $! >"$pidfile"
  wait_http "http://127.0.0.1:$VT_HTTP/sparql?query=ASK%7B%7D" Virtuoso "$VT_DB/virtuoso.log"
  alive "$pidfile" || die "Virtuoso exited; see $VT_DB/virtuoso.log"
  log "bulk-loading $DATASET into Virtuoso"
  # N-Quads keep their graphs; the graph argument is only for triples without one (none here).
  isql "ld_dir('$dumps', 'dataset.nq', 'https://w3id.org/dortmund-kg/graph/unnamed'); \
rdf_loader_run(); checkpoint;" >"$VT_DIR/load.log" 2>&1 || { tail -20 "$VT_DIR/load.log" >&2; die "isql failed"; }
  local errors
  errors="$(isql "select count(*) from DB.DBA.LOAD_LIST where ll_error is not null;" 2>/dev/null \
    | awk 'NF==1 && $1 ~ /^[0-9]+$/ {print $1; exit}')"
  [[ "$errors" == "0" ]] || { isql "select ll_file, ll_error from DB.DBA.LOAD_LIST;" >&2; die "bulk load reported errors"; }
  echo "$key" >"$VT_DIR/serving"
}

# --- both -----------------------------------------------------------------------------------

stop_one() {  # pid file, name
  local pidfile="$1" name="$2" pid
  if alive "$pidfile"; then
    pid="$(cat "$pidfile")"
    log "stopping $name (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

endpoints() {
  cat <<EOF
DORTMUND_KG_OXIGRAPH_ENDPOINT=http://127.0.0.1:$OX_PORT/query
DORTMUND_KG_VIRTUOSO_ENDPOINT=http://127.0.0.1:$VT_HTTP/sparql
EOF
}

case "${1:-}" in
  start)
    [[ -f "$DATASET" ]] || die "$DATASET does not exist: run 'make build' first"
    mkdir -p "$STATE"
    install_oxigraph
    install_virtuoso
    start_oxigraph
    start_virtuoso
    endpoints | tee "$STATE/endpoints.env"
    ;;
  stop)
    stop_one "$OX_DIR/server.pid" Oxigraph
    stop_one "$VT_DIR/server.pid" Virtuoso
    rm -f "$OX_DIR/serving" "$VT_DIR/serving"
    ;;
  status)
    alive "$OX_DIR/server.pid" && echo "oxigraph: running (pid $(cat "$OX_DIR/server.pid"))" || echo "oxigraph: stopped"
    alive "$VT_DIR/server.pid" && echo "virtuoso: running (pid $(cat "$VT_DIR/server.pid"))" || echo "virtuoso: stopped"
    ;;
  *)
    echo "usage: $0 start|stop|status [DATASET.nq]" >&2
    exit 2
    ;;
esac
