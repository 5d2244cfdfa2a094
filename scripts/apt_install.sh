#!/usr/bin/env bash
# apt_install.sh PACKAGE… - install Debian packages at the versions pinned in debian.lock (the apt
# counterpart of requirements.lock; apt verifies each package against the archive's signed index).
# A package missing from debian.lock is refused (exit 2): every package the project installs is pinned.
# When the mirror no longer has a pinned version, the archive's candidate is installed and the stale pin is
# named on stderr (Debian keeps only the current version of a stable package).
#   --refresh   rewrite debian.lock's versions from the packages installed on this machine.
# Needs root and apt-get; callers check that first (their messages say what to do otherwise).
set -euo pipefail
lock="$(cd "$(dirname "$0")/.." && pwd)/debian.lock"

pin_of() { sed -n "s/^$1=\(.*\)$/\1/p" "$lock"; }

if [ "${1:-}" = "--refresh" ]; then
	tmp=$(mktemp)
	while IFS= read -r line; do
		case "$line" in
		'#'* | '') echo "$line" ;;
		*=*)
			name=${line%%=*}
			have=$(dpkg-query -W -f='${Version}' "$name" 2>/dev/null || true)
			[ -n "$have" ] || have=$(apt-cache policy "$name" | sed -n 's/^ *Candidate: //p')
			echo "$name=${have:-${line#*=}}"
			;;
		esac
	done < "$lock" > "$tmp"
	mv "$tmp" "$lock"
	exit 0
fi

[ $# -gt 0 ] || { echo "usage: $0 PACKAGE… | --refresh" >&2; exit 2; }
specs=()
for name in "$@"; do
	pin=$(pin_of "$name")
	if [ -z "$pin" ]; then
		echo "apt_install: $name is not pinned in debian.lock; add '$name=VERSION' there" >&2
		exit 2
	fi
	specs+=("$name=$pin")
done
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
if ! apt-get install -y -q --no-install-recommends "${specs[@]}" >&2; then
	for spec in "${specs[@]}"; do
		name=${spec%%=*}
		if ! apt-cache madison "$name" | awk -F'|' '{gsub(/ /,"",$2); print $2}' | grep -qxF "${spec#*=}"; then
			echo "apt_install: WARNING debian.lock pins $spec but the mirror no longer has it;" \
				"installing $(apt-cache policy "$name" | sed -n 's/^ *Candidate: //p') — update debian.lock" >&2
		fi
	done
	apt-get install -y -q --no-install-recommends "$@" >&2
fi
