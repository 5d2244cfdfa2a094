#!/usr/bin/env bash
# vendor_leaflet.sh [VERSION] — fetch Leaflet from the npm registry and copy the three files the HTML
# report inlines into src/wikitally/reports/vendor/leaflet/ (checked in; re-run to upgrade).
#
# Where the files come from: `npm pack leaflet@VERSION` (default 1.9.4) downloads the published tarball
# from the npm registry (https://registry.npmjs.org/leaflet/-/leaflet-VERSION.tgz); npm checks its
# integrity hash. We copy package/dist/leaflet.js, package/dist/leaflet.css and package/LICENSE
# (BSD-2-Clause) and record the version and the tarball's sha512 in VERSION. No CDN is ever used: the
# report inlines the JS and CSS, so it needs no request except map tiles. Marker images are not copied
# (the report draws L.circleMarker), so leaflet.css's references to images/ are never loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:-1.9.4}
dest=src/wikitally/reports/vendor/leaflet
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vendor-leaflet.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

command -v npm >/dev/null || { echo "vendor_leaflet: npm is needed (apt-get install -y npm)" >&2; exit 2; }
(cd "$tmp" && npm pack --silent --json "leaflet@$version" >pack.json)
tarball=$(cd "$tmp" && ls leaflet-*.tgz)
integrity=$(sed -n 's/.*"integrity": *"\([^"]*\)".*/\1/p' "$tmp/pack.json" | head -n 1)
tar -xzf "$tmp/$tarball" -C "$tmp"

mkdir -p "$dest"
cp "$tmp/package/dist/leaflet.js" "$tmp/package/dist/leaflet.css" "$tmp/package/LICENSE" "$dest/"
printf 'leaflet %s\nfrom npm: %s (npm pack leaflet@%s)\nintegrity: %s\n' \
	"$version" "$tarball" "$version" "$integrity" >"$dest/VERSION"
echo "vendor_leaflet: leaflet $version -> $dest" >&2
