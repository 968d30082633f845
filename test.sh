#!/usr/bin/env bash
# Runs every test project once, after one Release build, and ends with one totals line:
#   N passed, N failed, N skipped
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
# shellcheck source=scripts/prerequisites.sh
. "$ROOT/scripts/prerequisites.sh"
dlvx_ensure_prerequisites || exit 1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== build (Release)"
if ! dotnet build PluginSdk.sln -c Release -nologo -v quiet -clp:ErrorsOnly\;NoSummary; then
	echo "build failed"
	echo "0 passed, 1 failed"
	exit 1
fi

RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
passed=0 failed=0 skipped=0 crashed=0
# Unit projects first (fast feedback), integration tests last.
# The test projects are those the solution lists (so each was built above); test plugins are not tests.
mapfile -t projects < <(dotnet sln PluginSdk.sln list | tr '\\' / | grep -E '^tests/[^/]+/[^/]+\.csproj$' | sort | awk '/Integration/ {late[NR]=$0; next} {print} END {for (i in late) print late[i]}')
for project in "${projects[@]}"; do
	name="$(basename "$project" .csproj)"
	echo "== $name"
	dotnet test "$project" -c Release --no-build --nologo \
		--logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
		--results-directory "$RESULTS" -- RunConfiguration.TestSessionTimeout=2400000
	trx="$RESULTS/$name.trx"
	if [ ! -f "$trx" ]; then
		echo "$name: no results (the test host crashed or timed out)"
		crashed=$((crashed + 1))
		continue
	fi
	counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
	get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
	total=$(get total) executed=$(get executed) ok=$(get passed) bad=$(get failed)
	passed=$((passed + ok))
	failed=$((failed + bad + $(get error) + $(get timeout) + $(get aborted)))
	skipped=$((skipped + total - executed))
done
failed=$((failed + crashed))
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
