#!/usr/bin/env bash
# vendor_codex.sh [VERSION] — fetch Wikimedia's Codex design tokens from the npm registry and copy the
# CSS custom properties the web app's stylesheet uses into src/wikitally/web/campaigns/static/codex/
# (checked in; re-run with a newer version to upgrade, then run tests/web/test_web_look.py).
#
# Where the files come from: `npm pack @wikimedia/codex-design-tokens@VERSION` (default 2.7.0, the latest
# `npm view @wikimedia/codex-design-tokens version` gave) downloads the published tarball from the npm
# registry; npm checks its integrity hash. We copy package/dist/theme-wikimedia-ui.css (every token as a
# `--name: value` on :root, light mode) and package/LICENSE (GPL-2.0-or-later), and record the version and
# the tarball's sha512 in VERSION. The page links the file from /static/: no CDN is ever used.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:-2.7.0}
package=@wikimedia/codex-design-tokens
dest=src/wikitally/web/campaigns/static/codex
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vendor-codex.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

command -v npm >/dev/null || { echo "vendor_codex: npm is needed (apt-get install -y npm)" >&2; exit 2; }
(cd "$tmp" && npm pack --silent --json "$package@$version" >pack.json)
tarball=$(cd "$tmp" && ls wikimedia-codex-design-tokens-*.tgz)
integrity=$(sed -n 's/.*"integrity": *"\([^"]*\)".*/\1/p' "$tmp/pack.json" | head -n 1)
tar -xzf "$tmp/$tarball" -C "$tmp"

mkdir -p "$dest"
cp "$tmp/package/dist/theme-wikimedia-ui.css" "$tmp/package/LICENSE" "$dest/"
printf '%s %s\nfrom npm: %s (npm pack %s@%s)\nintegrity: %s\n' \
	"$package" "$version" "$tarball" "$package" "$version" "$integrity" >"$dest/VERSION"
echo "vendor_codex: $package $version -> $dest" >&2
