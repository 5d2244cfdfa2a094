#!/usr/bin/env bash
# postgres.sh - idempotently: install PostgreSQL 15 from apt if no initdb is found, create a throw-away
# cluster in $PG_DIR if missing (trust auth, superuser "postgres"), run it on 127.0.0.1:$PG_PORT (unix
# socket in $PG_DIR), create database wikitally_test, wait until it answers, print its URL on stdout.
#
# Usage:  postgres.sh start     start (or find running); prints postgresql://postgres@127.0.0.1:55432/wikitally_test
#         postgres.sh stop      stop the server of $PG_DIR (fast shutdown); nothing to do if it isn't running
#         postgres.sh status    print the URL and exit 0 when running, exit 1 otherwise
# Env:    PG_DIR         cluster directory (default $TMPDIR/wikitally-test-pg); delete it to start from scratch
#         PG_PORT        TCP port on 127.0.0.1 (default 55432)
#         PG_DB          database to create (default wikitally_test)
#         START_TIMEOUT  seconds to wait for the server (default 30)
# Root cannot run postgres: as root the cluster belongs to the "postgres" system user (created if missing);
# as another user it belongs to that user, with "postgres" as the database superuser's name.
# The cluster is for tests: fsync is off, so a machine crash may lose it. Progress goes to stderr.
# Typical use:  export WIKITALLY_TEST_PG_URL=$(scripts/postgres.sh start) && .venv/bin/pytest -m postgres
set -euo pipefail

PG_DIR=${PG_DIR:-${TMPDIR:-/tmp}/wikitally-test-pg}
PG_PORT=${PG_PORT:-55432}
PG_DB=${PG_DB:-wikitally_test}
PG_VERSION=15
DATA="$PG_DIR/data"
URL="postgresql://postgres@127.0.0.1:$PG_PORT/$PG_DB"
T_START=$(date +%s.%N)

log() { echo "[postgres] $*" >&2; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; }
[[ $PG_PORT =~ ^[0-9]+$ ]] || { log "bad PG_PORT: $PG_PORT"; exit 2; }
[[ $PG_DB =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || { log "bad PG_DB: $PG_DB"; exit 2; }

bindir() {  # the newest installed server's bin directory, empty when none
	local d
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	[ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
	return 0
}
# Run a server binary as the cluster's owner.
as_owner() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
running() { [ -f "$DATA/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }
answers() { "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -d postgres -U postgres; }
psql_() { as_owner "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$PG_PORT" -U postgres -d postgres "$@"; }

# ---------------------------------------------------------------- stop / status
BIN=$(bindir)
case "${1:-}" in
stop)
	if [ -n "$BIN" ] && running; then
		as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2
		log "stopped cluster in $PG_DIR"
	fi
	exit 0
	;;
status)
	if [ -n "$BIN" ] && running && answers; then echo "$URL"; exit 0; fi
	exit 1
	;;
start) ;;
*)
	log "usage: $0 start|stop|status"
	exit 2
	;;
esac

# ---------------------------------------------------------------- 1. packages
install_packages() {
	[ -n "$(bindir)" ] && return 0   # another postgres.sh installed it while we waited for the lock
	local t; t=$(date +%s.%N)
	export DEBIAN_FRONTEND=noninteractive
	# Only the binaries: no "main" cluster on port 5432 (nothing else here uses one).
	mkdir -p /etc/postgresql-common/createcluster.d
	echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/wikitally-no-main.conf
	bash "$(dirname "$0")/apt_install.sh" "postgresql-$PG_VERSION"
	[ -n "$(bindir)" ] || { log "initdb still missing after apt-get"; exit 1; }
	log "packages installed in $(since "$t") s"
}
if [ -z "$BIN" ]; then
	if ! command -v apt-get >/dev/null || [ "$(id -u)" != 0 ]; then
		log "PostgreSQL is not installed and cannot be installed here (needs apt-get and root)"
		exit 3
	fi
	if command -v flock >/dev/null; then
		( flock 9; install_packages ) 9> "${TMPDIR:-/tmp}/wikitally-postgres.apt.lock"
	else
		install_packages
	fi
	BIN=$(bindir)
fi
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
	useradd --system --user-group --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
	log "created system user postgres"
fi

# ---------------------------------------------------------------- 2. the cluster
if [ ! -f "$DATA/PG_VERSION" ]; then
	t=$(date +%s.%N)
	rm -rf "$PG_DIR"
	mkdir -p "$PG_DIR"
	chmod 700 "$PG_DIR"
	if [ "$(id -u)" = 0 ]; then
		chown postgres: "$PG_DIR"
		as_owner test -w "$PG_DIR" || { log "user postgres cannot reach $PG_DIR; set PG_DIR elsewhere"; exit 1; }
	fi
	as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 ||
		{ log "initdb failed:"; tail -n 20 "$PG_DIR/initdb.log" >&2; exit 1; }
	cat >> "$DATA/postgresql.conf" <<CONF

# postgres.sh: a throw-away, loopback-only test cluster
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
CONF
	log "cluster created in $PG_DIR in $(since "$t") s"
fi

# ---------------------------------------------------------------- 3. the server
if running && answers; then
	log "already running (pid $(head -n 1 "$DATA/postmaster.pid"))"
else
	if running; then as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2 || true; fi
	if (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; then
		log "port $PG_PORT on 127.0.0.1 is already in use by another process"
		exit 1
	fi
	t=$(date +%s.%N)
	# pg_ctl -w waits until the server accepts connections; -l keeps the log; setsid: its own session.
	as_owner setsid -w "$BIN/pg_ctl" -D "$DATA" -l "$PG_DIR/server.log" -w -t "${START_TIMEOUT:-30}" start >/dev/null ||
		{ log "server did not start; last log lines:"; tail -n 20 "$PG_DIR/server.log" >&2; exit 1; }
	for _ in $(seq 100); do answers && break; sleep 0.1; done
	answers || { log "server does not answer on 127.0.0.1:$PG_PORT; see $PG_DIR/server.log"; exit 1; }
	log "server pid $(head -n 1 "$DATA/postmaster.pid") answering after $(since "$t") s"
fi

if [ -z "$(psql_ -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" ]; then
	psql_ -c "CREATE DATABASE $PG_DB"
	log "created database $PG_DB"
fi
log "ready in $(since "$T_START") s"
echo "$URL"
