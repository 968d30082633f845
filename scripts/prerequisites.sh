# shellcheck shell=bash
# Sourced by ./dlvx and ./test.sh: makes sure the .NET SDK, Go and Delve are present.
# As root on Debian/Ubuntu the missing Go and Delve packages are installed with apt-get;
# elsewhere the script stops with the exact command to run.

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
	if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
		echo "dlvx: installing ${missing[*]} with apt-get (Go builds the debug targets, Delve debugs them)" >&2
		export DEBIAN_FRONTEND=noninteractive
		if ! { apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
			echo "dlvx: apt-get install -y ${missing[*]} failed" >&2
			return 1
		fi
		return 0
	fi
	if command -v apt-get >/dev/null 2>&1; then
		echo "dlvx: ${missing[*]} missing. Run: sudo apt-get install -y delve golang-go" >&2
	else
		echo "dlvx: ${missing[*]} missing. Install Go 1.18-1.20 (https://go.dev/dl) and then Delve: go install github.com/go-delve/delve/cmd/dlv@v1.20.2" >&2
	fi
	return 1
}
