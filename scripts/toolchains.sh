#!/usr/bin/env bash
# Fetches the Go toolchains and Delve releases of dlvx's supported-version matrix from Debian's
# archive into a cache outside the repository, without touching the machine's apt sources, and
# prints one line per row:  ROW<TAB>GO_BIN<TAB>DLV_BIN
#
#   scripts/toolchains.sh            fetch what is missing, print every row
#   scripts/toolchains.sh go1.26     only that row (several may be named)
#   scripts/toolchains.sh --list     print the rows that are already in the cache, fetch nothing
#
# The cache is $DLVX_TOOLCHAINS, else ${XDG_CACHE_HOME:-~/.cache}/dlvx/toolchains (about 1.2 GB
# unpacked). Row go1.19 is the machine's own pair (Debian bookworm's golang-go and delve), which
# scripts/prerequisites.sh installs; the others are unpacked with dpkg -x and run as they are.
set -euo pipefail

# row  go-package-suffix  suite-of-go  delve-suite   (Delve's pkg/goversion/compat.go decides the pairs)
MATRIX="go1.21 1.21 bookworm-backports trixie
go1.22 1.22 bookworm-backports trixie
go1.23 1.23 bookworm-backports trixie
go1.24 1.24 trixie trixie
go1.26 1.26 sid sid"

CACHE="${DLVX_TOOLCHAINS:-${XDG_CACHE_HOME:-$HOME/.cache}/dlvx/toolchains}"
MIRROR="${DLVX_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

usage() {
	sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

list_only=0
rows=()
for arg in "$@"; do
	case "$arg" in
	-h | --help) usage; exit 0 ;;
	--list) list_only=1 ;;
	go1.19 | go1.2[0-9]) rows+=("$arg") ;;
	*) echo "toolchains.sh: unknown row or option '$arg' (rows: go1.19 $(echo "$MATRIX" | cut -d' ' -f1 | tr '\n' ' '))" >&2; exit 2 ;;
	esac
done
if [ ${#rows[@]} -eq 0 ]; then
	rows=(go1.19 $(echo "$MATRIX" | cut -d' ' -f1))
fi

apt_private() {
	# A private apt state: our own source list and package lists, so the machine's sources stay as they are.
	apt-get -q -o Dir::Etc::SourceList="$CACHE/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$CACHE/apt/lists" -o Dir::Cache="$CACHE/apt/cache" \
		-o APT::Sandbox::User=root "$@"
}

apt_ready=0
prepare_apt() {
	[ "$apt_ready" = 1 ] && return 0
	mkdir -p "$CACHE/apt/lists/partial" "$CACHE/apt/cache/archives/partial" "$CACHE/debs"
	local keyring=/usr/share/keyrings/debian-archive-keyring.gpg list_suite
	if [ ! -f "$keyring" ]; then
		echo "toolchains.sh: $keyring is missing (apt-get install -y debian-archive-keyring)" >&2
		exit 1
	fi
	{
		for list_suite in bookworm-backports trixie sid; do
			echo "deb [signed-by=$keyring] $MIRROR $list_suite main"
		done
	} >"$CACHE/apt/sources.list"
	echo "toolchains.sh: reading Debian's package lists (bookworm-backports, trixie, sid)" >&2
	apt_private update >/dev/null
	apt_ready=1
}

# fetch PACKAGE SUITE DEST: unpacks PACKAGE from SUITE into DEST once.
fetch() {
	local package="$1" suite="$2" dest="$3"
	[ -f "$dest/.$package.unpacked" ] && return 0
	prepare_apt
	echo "toolchains.sh: fetching $package from $suite" >&2
	rm -f "$CACHE/debs/${package}"_*.deb
	(cd "$CACHE/debs" && apt_private download "$package/$suite" >/dev/null)
	mkdir -p "$dest"
	dpkg -x "$CACHE/debs/${package}"_*.deb "$dest"
	touch "$dest/.$package.unpacked"
}

print_row() {
	local row="$1" go_bin="$2" dlv_bin="$3"
	printf '%s\t%s\t%s\n' "$row" "$go_bin" "$dlv_bin"
}

for row in "${rows[@]}"; do
	if [ "$row" = go1.19 ]; then
		if command -v go >/dev/null && command -v dlv >/dev/null; then
			print_row go1.19 "$(command -v go)" "$(command -v dlv)"
		elif [ "$list_only" = 0 ]; then
			echo "toolchains.sh: go1.19 is the machine's own pair: apt-get install -y golang-go delve" >&2
			exit 1
		fi
		continue
	fi
	line="$(echo "$MATRIX" | awk -v r="$row" '$1 == r')"
	if [ -z "$line" ]; then
		echo "toolchains.sh: no row '$row' in the matrix" >&2
		exit 2
	fi
	read -r _ version go_suite dlv_suite <<<"$line"
	go_root="$CACHE/$row"
	go_bin="$go_root/usr/lib/go-$version/bin/go"
	dlv_root="$CACHE/delve-$dlv_suite"
	dlv_bin="$dlv_root/usr/bin/dlv"
	if [ "$list_only" = 1 ]; then
		[ -x "$go_bin" ] && [ -x "$dlv_bin" ] && print_row "$row" "$go_bin" "$dlv_bin"
		continue
	fi
	fetch "golang-$version-go" "$go_suite" "$go_root"
	fetch "golang-$version-src" "$go_suite" "$go_root"
	fetch delve "$dlv_suite" "$dlv_root"
	print_row "$row" "$go_bin" "$dlv_bin"
done
