# shellcheck shell=bash
# Sourced by ./dlvx and ./test.sh: makes sure the .NET SDK, Go and Delve are present (and, for
# ./test.sh only, Chromium and rr: dlvx_ensure_test_prerequisites at the end).
# As root on Debian/Ubuntu the missing Go and Delve packages are installed with apt-get;
# elsewhere the script stops with the exact command to run.

# dlvx_apt_install WHY PACKAGE...: as root on Debian/Ubuntu, installs the packages with apt-get and
# says why; returns 2 where apt-get cannot be used here (not root, or no apt-get), 1 if it failed.
dlvx_apt_install() {
	local why="$1"
	shift
	if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
		return 2
	fi
	echo "dlvx: installing $* with apt-get ($why)" >&2
	export DEBIAN_FRONTEND=noninteractive
	if ! { apt-get update -qq && apt-get install -y -qq "$@" >/dev/null; }; then
		echo "dlvx: apt-get install -y $* failed" >&2
		return 1
	fi
}

dlvx_ensure_prerequisites() {
	if ! command -v dotnet >/dev/null 2>&1; then
		echo "dlvx: the .NET SDK (10.0) is required: https://dotnet.microsoft.com/download, or on Debian/Ubuntu: apt-get install -y dotnet-sdk-10.0" >&2
		return 1
	fi
	local missing=()
	command -v go >/dev/null 2>&1 || missing+=(golang-go)
	command -v dlv >/dev/null 2>&1 || missing+=(delve)
	if [ ${#missing[@]} -eq 0 ]; then
		return 0
	fi
	dlvx_apt_install "Go builds the debug targets, Delve debugs them" "${missing[@]}"
	case $? in
	0) return 0 ;;
	1) return 1 ;;
	esac
	if command -v apt-get >/dev/null 2>&1; then
		echo "dlvx: ${missing[*]} missing. Run: sudo apt-get install -y delve golang-go" >&2
	else
		echo "dlvx: ${missing[*]} missing. Install Go (https://go.dev/dl) and a Delve that debugs it: go install github.com/go-delve/delve/cmd/dlv@latest (dlvx doctor checks the pair)" >&2
	fi
	return 1
}

# Only for ./test.sh (./dlvx and ./dlvx demo need neither): a headless Chromium renders dlvx report's
# page in ReportTests, and rr lets the replay test record and replay for real where the CPU allows it
# (elsewhere the test is skipped with rr's own reason). Missing ones are installed as root on
# Debian/Ubuntu; otherwise the tests that need them report themselves skipped, saying what to install.
dlvx_ensure_test_prerequisites() {
	local missing=()
	command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1 || missing+=(chromium)
	command -v rr >/dev/null 2>&1 || missing+=(rr)
	if [ ${#missing[@]} -eq 0 ]; then
		return 0
	fi
	dlvx_apt_install "for the tests: the report is rendered in headless Chromium; rr records and replays" "${missing[@]}"
	case $? in
	0) ;;
	1) echo "dlvx: the tests that need ${missing[*]} will be skipped" >&2 ;;
	*) echo "dlvx: ${missing[*]} not installed; the tests that need them will be skipped (apt-get install -y ${missing[*]})" >&2 ;;
	esac
	return 0
}
