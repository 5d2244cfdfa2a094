#!/usr/bin/env bash
# start-wiki.sh - idempotently: install Debian's MediaWiki 1.39 (+PHP, SQLite) if missing, create a
# throw-away SQLite wiki in $WIKI_DIR if missing, serve it with PHP's built-in server on
# 127.0.0.1:PORT in the background, wait until api.php answers, print the api.php URL on stdout.
#
# Usage:  start-wiki.sh [PORT]     start (default port 8080); prints e.g. http://127.0.0.1:8080/api.php
#         start-wiki.sh stop       stop the server of $WIKI_DIR (kills its whole process group)
# Env:    WIKI_DIR       wiki directory (default $TMPDIR/wikitally-test-wiki); delete it to start from scratch.
#                        One directory per wiki: several wikis can run at once on different ports.
#         MW_DBNAME      database name (default testwiki); also the session-cookie prefix, so give each wiki
#                        that runs at the same time its own (cookies are per host, not per port)
#         MW_ADMIN_USER  admin user name (default Admin)
#         MW_ADMIN_PASS  admin password (default Admin-pass-12345; sysops need >= 10 chars)
#         PHP_WORKERS    >1 sets PHP_CLI_SERVER_WORKERS (parallel requests; SQLite still serialises writes)
#         GEODATA_DIR    optional path of a GeoData REL1_39 checkout: loaded + update.php run at creation
#         START_TIMEOUT  seconds to wait for api.php (default 30)
# Progress/timings go to stderr; stdout carries only the URL.
# Exit status: 0 ok; 2 bad usage; 3 MediaWiki/PHP are missing and cannot be installed here (no apt-get or
# not root) - callers may treat that as "skip"; 4 the port is taken (try another); anything else is a
# real failure.
#
# Copied from the team's verified recipe; changes: MW_DBNAME, exit statuses 3 and 4, apt-get serialised with flock
# (two wikis started in parallel on a fresh machine would otherwise fight over the dpkg lock), sysops get
# deleterevision/deletelogentry as on Wikimedia wikis, zombie-aware stop (faster `stop`), port race handling.
set -euo pipefail

MW_IP=/usr/share/mediawiki
WIKI_DIR=${WIKI_DIR:-${TMPDIR:-/tmp}/wikitally-test-wiki}
ADMIN_USER=${MW_ADMIN_USER:-Admin}
ADMIN_PASS=${MW_ADMIN_PASS:-Admin-pass-12345}
DBNAME=${MW_DBNAME:-testwiki}
T_START=$(date +%s.%N)

log() { echo "[start-wiki] $*" >&2; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; }
# A dead server stays a zombie until init reaps it (over a second in some containers): not alive.
alive() { kill -0 "$1" 2>/dev/null && [ "$(cut -d')' -f2 "/proc/$1/stat" 2>/dev/null | cut -c2)" != Z ]; }
pid_alive() { [ -f "$WIKI_DIR/server.pid" ] && alive "$(cat "$WIKI_DIR/server.pid")"; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
api_ok() {  # $1 = api url; true when it answers a siteinfo query with JSON from MediaWiki
	local out
	if command -v curl >/dev/null; then
		out=$(curl -s --max-time 5 "$1?action=query&meta=siteinfo&format=json" 2>/dev/null) || return 1
	else
		out=$(python3 -c 'import sys,urllib.request;print(urllib.request.urlopen(sys.argv[1]+"?action=query&meta=siteinfo&format=json",timeout=5).read().decode())' "$1" 2>/dev/null) || return 1
	fi
	[[ $out == *'"generator":"MediaWiki'* ]]
}

stop_server() {
	if pid_alive; then
		local pid; pid=$(cat "$WIKI_DIR/server.pid")
		# php -S runs as leader of its own process group (setsid below); PHP_CLI_SERVER_WORKERS
		# children survive a plain `kill PID`, so signal the whole group.
		kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
		for _ in $(seq 100); do alive "$pid" || break; sleep 0.05; done
		alive "$pid" && kill -KILL -- "-$pid" 2>/dev/null || true
		log "stopped server (pid/pgid $pid)"
	fi
	rm -f "$WIKI_DIR/server.pid" "$WIKI_DIR/server.port"
}

if [ "${1:-}" = stop ]; then stop_server; exit 0; fi
PORT=${1:-8080}
[[ $PORT =~ ^[0-9]+$ ]] || { log "bad port: $PORT"; exit 2; }
[[ $DBNAME =~ ^[A-Za-z][A-Za-z0-9_]*$ ]] || { log "bad MW_DBNAME: $DBNAME"; exit 2; }
URL="http://127.0.0.1:$PORT"
API="$URL/api.php"

# ---------------------------------------------------------------- 1. packages
have_mw() {
	[ -f "$MW_IP/api.php" ] && [ -f "$MW_IP/extensions-core/Cite/extension.json" ] && command -v php >/dev/null &&
		php -r 'foreach (["pdo_sqlite","intl","mbstring","xml","dom","fileinfo"] as $e) if (!extension_loaded($e)) exit(1);'
}
install_packages() {
	have_mw && return 0   # another start-wiki.sh installed them while we waited for the lock
	t=$(date +%s.%N)
	export DEBIAN_FRONTEND=noninteractive
	# php8.2-cgi + micro-httpd satisfy mediawiki's "php" and "apache2 | httpd" dependencies without
	# pulling Apache (micro-httpd is a 50 kB inetd-style binary; nothing gets started). It must be the
	# versioned phpX.Y-cgi: with the php-cgi metapackage apt still picks libapache2-mod-phpX.Y.
	# Versions pinned in debian.lock.
	bash "$(dirname "$0")/apt_install.sh" \
		mediawiki php-cli php-sqlite3 php-intl php-mbstring php-xml php8.2-cgi micro-httpd
	have_mw || { log "MediaWiki/PHP still missing after apt-get"; exit 1; }
	log "packages installed in $(since "$t") s"
}
if ! have_mw; then
	if ! command -v apt-get >/dev/null || [ "$(id -u)" != 0 ]; then
		log "MediaWiki/PHP are not installed and cannot be installed here (needs apt-get and root)"
		exit 3
	fi
	if command -v flock >/dev/null; then
		( flock 9; install_packages ) 9> "${TMPDIR:-/tmp}/wikitally-start-wiki.apt.lock"
	else
		install_packages
	fi
fi

# ---------------------------------------------------------------- 2. the wiki
if [ ! -f "$WIKI_DIR/.created" ]; then
	t=$(date +%s.%N)
	pid_alive && stop_server
	rm -rf "$WIKI_DIR"
	mkdir -p "$WIKI_DIR/data" "$WIKI_DIR/images"
	(cd "$MW_IP" && env -u MW_CONFIG_FILE php maintenance/install.php --quiet \
		--dbtype sqlite --dbpath "$WIKI_DIR/data" --dbname "$DBNAME" --confpath "$WIKI_DIR" \
		--server "$URL" --scriptpath "" --lang en --pass "$ADMIN_PASS" TestWiki "$ADMIN_USER") >&2

	cat > "$WIKI_DIR/TestSettings.php" <<'PHP'
<?php
// Overrides for a throw-away, loopback-only test wiki (included at the end of LocalSettings.php).
$wgServer = getenv( 'MW_SERVER' ) ?: $wgServer;   // start-wiki.sh passes the real port
$wgShowExceptionDetails = true;

// SQLite: no fsync (test data is disposable) - ~10% faster edits.
$wgDBservers = [ [
	'type' => 'sqlite', 'host' => '', 'dbname' => $wgDBname, 'user' => '', 'password' => '',
	'tablePrefix' => '', 'dbDirectory' => $wgSQLiteDataDir, 'load' => 1, 'flags' => DBO_DEFAULT,
	'trxMode' => 'IMMEDIATE', 'variables' => [ 'synchronous' => 'OFF' ],
] ];

// Uploads into this wiki's own folder (router.php serves /images/...).
$wgEnableUploads = true;
$wgUploadDirectory = __DIR__ . '/images';
$wgUploadPath = '/images';
$wgFileExtensions = [ 'png', 'gif', 'jpg', 'jpeg', 'svg', 'webp', 'pdf' ];
$wgUseImageMagick = false;   // /usr/local/bin/convert may be a stand-in; no thumbnails needed
$wgSVGConverter = false;

// No e-mail, no throttles, no rate limits, cheap password hashing.
$wgEnableEmail = false;
$wgEmailAuthentication = false;
$wgGroupPermissions['*']['createaccount'] = true;
$wgGroupPermissions['user']['noratelimit'] = true;
$wgRateLimitsExcludedIPs = [ '127.0.0.1', '::1' ];
$wgAccountCreationThrottle = [ [ 'count' => 0, 'seconds' => 86400 ] ];
$wgPasswordAttemptThrottle = [];
$wgPasswordDefault = 'B';

// As on Wikimedia wikis, admins may revision-delete (MediaWiki's default gives it to 'suppress' only).
$wgGroupPermissions['sysop']['deleterevision'] = true;
$wgGroupPermissions['sysop']['deletelogentry'] = true;

// Jobs only when asked for (php maintenance/runJobs.php --conf .../LocalSettings.php): deterministic
// and faster. Links tables of the edited page itself are still updated within the edit request.
$wgJobRunRate = 0;
// Keep backdated (imported) revisions in recentchanges after maintenance/rebuildrecentchanges.php.
$wgRCMaxAge = 10 * 365 * 86400;

// A namespace of JSON pages holding Wikibase entity documents (the documented JSON serialization), as a
// Wikibase repository keeps items - without the extension (campaign key wikibase_namespaces; docs/wikidata.md).
$wgExtraNamespaces[120] = 'Item';
$wgExtraNamespaces[121] = 'Item_talk';
$wgNamespaceContentModels[120] = CONTENT_MODEL_JSON;

// Bundled extensions live in extensions-core in Debian's package.
$wgExtensionDirectory = "$IP/extensions-core";
wfLoadExtension( 'Cite' );
wfLoadExtension( 'ParserFunctions' );
wfLoadExtension( 'TextExtracts' );   // prop=extracts: the plain-text prose the word counter is checked against
if ( is_file( __DIR__ . '/GeoData.php' ) ) {
	require __DIR__ . '/GeoData.php';
}
PHP
	if [ -n "${GEODATA_DIR:-}" ]; then
		[ -f "$GEODATA_DIR/extension.json" ] || { log "GEODATA_DIR has no extension.json"; exit 1; }
		printf '<?php\nwfLoadExtension( "GeoData", %s );\n' "'$GEODATA_DIR/extension.json'" > "$WIKI_DIR/GeoData.php"
	fi

	cat > "$WIKI_DIR/router.php" <<'PHP'
<?php
// Router for `php -S`: serve /images/* from MW_UPLOAD_DIR, everything else from the docroot.
$path = parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH );
$up = getenv( 'MW_UPLOAD_DIR' );
if ( $up && strpos( $path, '/images/' ) === 0 ) {
	$f = realpath( $up . '/' . rawurldecode( substr( $path, 8 ) ) );
	if ( $f && strpos( $f, realpath( $up ) . '/' ) === 0 && is_file( $f ) ) {
		header( 'Content-Type: ' . ( mime_content_type( $f ) ?: 'application/octet-stream' ) );
		header( 'Content-Length: ' . filesize( $f ) );
		readfile( $f );
	} else {
		http_response_code( 404 );
	}
	return true;
}
return false;
PHP
	echo 'require __DIR__ . "/TestSettings.php";' >> "$WIKI_DIR/LocalSettings.php"
	if [ -f "$WIKI_DIR/GeoData.php" ]; then
		(cd "$MW_IP" && php maintenance/update.php --quick --conf "$WIKI_DIR/LocalSettings.php") > "$WIKI_DIR/update.log" 2>&1
	fi
	touch "$WIKI_DIR/.created"
	log "wiki created in $WIKI_DIR in $(since "$t") s"
fi

# ---------------------------------------------------------------- 3. the server
if pid_alive; then
	if [ "$(cat "$WIKI_DIR/server.port" 2>/dev/null)" = "$PORT" ] && api_ok "$API"; then
		log "already running (pid $(cat "$WIKI_DIR/server.pid"))"
		echo "$API"
		exit 0
	fi
	stop_server
fi
rm -f "$WIKI_DIR/server.pid"
port_taken() { log "port $PORT on 127.0.0.1 is already in use by another process"; }
if port_open "$PORT"; then port_taken; exit 4; fi

t=$(date +%s.%N)
workers=()
if [ "${PHP_WORKERS:-1}" -gt 1 ]; then workers=(PHP_CLI_SERVER_WORKERS="$PHP_WORKERS"); fi
# setsid: own session/process group so `stop` can kill workers too; the inner shell writes its own
# PID (== php's after exec) so the pid file is right whether or not setsid had to fork.
env MW_CONFIG_FILE="$WIKI_DIR/LocalSettings.php" MW_SERVER="$URL" MW_UPLOAD_DIR="$WIKI_DIR/images" \
	"${workers[@]}" setsid bash -c 'echo $$ > "$1/server.pid"; shift; exec "$@"' _ "$WIKI_DIR" \
	php -d opcache.enable_cli=1 -d upload_max_filesize=100M -d post_max_size=100M \
	-S "127.0.0.1:$PORT" -t "$MW_IP" "$WIKI_DIR/router.php" \
	>> "$WIKI_DIR/server.log" 2>&1 < /dev/null &
echo "$PORT" > "$WIKI_DIR/server.port"

deadline=$(( $(date +%s) + ${START_TIMEOUT:-30} ))
until api_ok "$API"; do
	if [ "$(date +%s)" -ge "$deadline" ] || { [ -f "$WIKI_DIR/server.pid" ] && ! pid_alive; }; then
		if grep -q "Failed to listen" "$WIKI_DIR/server.log" 2>/dev/null; then
			port_taken; stop_server; exit 4   # lost a race for the port with another process
		fi
		log "api.php did not answer; last server log lines:"; tail -n 20 "$WIKI_DIR/server.log" >&2 || true
		stop_server
		exit 1
	fi
	sleep 0.05
done
# A server that answers while ours has died is someone else's that took the port first.
if ! pid_alive; then port_taken; stop_server; exit 4; fi
log "server pid $(cat "$WIKI_DIR/server.pid") answering after $(since "$t") s (total $(since "$T_START") s)"
echo "$API"
