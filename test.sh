#!/usr/bin/env bash
# Runs every test project once, after one Release build, and ends with one totals line:
#   N passed, N failed, N skipped
# A test project's run counts only if it completed (see run_test_project); one that did not adds a
# failure. Before the real projects a self-test checks that: a fixture whose test host kills itself
# must be reported as failed, or test.sh fails. The reasons for skipped tests are listed at the end.
#
#   ./test.sh              build, self-test, every test project
#   ./test.sh --self-test  build the fixture and run only the self-test
#   ./test.sh --matrix     build, then the version-sensitive tests (heap-stats, goroutine-graph,
#                          runtime-views, the route, core-dump and F5 tests) once per row of the
#                          supported Go/Delve matrix, fetched by
#                          scripts/toolchains.sh; one line per row, then the totals
#   ./test.sh --all        both: every test project, then the matrix (what CI runs)
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
# shellcheck source=scripts/prerequisites.sh
. "$ROOT/scripts/prerequisites.sh"
dlvx_ensure_prerequisites || exit 1
dlvx_ensure_test_prerequisites
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

RESULTS="$ROOT/artifacts/test-results"
SELF_TEST_FIXTURE="tests/self-test/Dlvx.SelfTest.CrashingHost/Dlvx.SelfTest.CrashingHost.csproj"

passed=0 failed=0 skipped=0
skip_reasons=()
fail_reasons=()

# Decodes the five XML entities a TRX file uses in attribute values and text.
xml_text() {
	sed -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' -e "s/&apos;/'/g" -e 's/&amp;/\&/g'
}

# run_test_project PROJECT [LABEL]
# Runs one test project (already built in Release) with dotnet test and tallies its TRX file into
# passed, failed, skipped and skip_reasons. LABEL names the TRX (default: the project's name), so one
# project can run more than once, e.g. under other toolchains given through the environment.
# The run completed only if dotnet test exited 0 (or 1 with failed tests to show for it), the TRX
# exists, its outcome is Completed (or Failed, with failed tests), no RunInfo says the run aborted or crashed,
# and it holds a result for every test case xunit discovered (xunit's "Discovered: ... (N test cases
# to be run)" diagnostic line, kept in the TRX). Otherwise it says why and adds one failure.
# Returns 0 if the run completed, 1 if not.
run_test_project() {
	local project="$1"
	local label="${2:-$(basename "$project" .csproj)}"
	local trx="$RESULTS/$label.trx"
	mkdir -p "$RESULTS"
	rm -f "$trx"
	echo "== $label"
	dotnet test "$project" -c Release --no-build --nologo ${DLVX_TEST_FILTER:+--filter "$DLVX_TEST_FILTER"} \
		--logger "trx;LogFileName=$label.trx" --logger "console;verbosity=minimal" \
		--results-directory "$RESULTS" -- RunConfiguration.TestSessionTimeout=2400000
	local code=$?

	local problems=()
	local total=0 executed=0 ok=0 bad=0 outcome="" discovered=""
	if [ ! -f "$trx" ]; then
		problems+=("no TRX file: the test host crashed or timed out before reporting")
	else
		local counters
		counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
		count() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
		total=$(count total) executed=$(count executed) ok=$(count passed)
		bad=$(($(count failed) + $(count error) + $(count timeout) + $(count aborted)))
		outcome="$(grep -o '<ResultSummary outcome="[A-Za-z]*"' "$trx" | head -1 | sed 's/.*outcome="//; s/"$//')"
		discovered="$(grep -o 'Discovered: .*(\([0-9]*\) test cases\? to be run)' "$trx" | grep -o '([0-9]*' | tr -d '(' | awk '{ n += $1 } END { if (NR) print n }')"
		if [ "$outcome" != "Completed" ] && ! { [ "$outcome" = "Failed" ] && [ "$bad" -gt 0 ]; }; then
			problems+=("the run's outcome is '${outcome:-missing}'")
		fi
		# RunInfos also carry xunit's [FAIL] lines; only these say the run itself stopped early.
		local aborted
		aborted="$(grep -A1 '<RunInfo [^>]*outcome="Error"' "$trx" | grep -o '<Text>.*' | sed 's/<[^>]*>//g' | xml_text | grep -iE 'aborted|crashed|timed out|timeout' | head -1)"
		if [ -n "$aborted" ]; then
			problems+=("$aborted")
		fi
		if [ -n "${DLVX_TEST_FILTER:-}" ]; then
			# xunit counts the whole assembly as discovered, the filter's tests included or not; the
			# outcome and exit code above still catch a run that stopped early.
			[ "$total" -gt 0 ] || problems+=("no test matched the filter '$DLVX_TEST_FILTER'")
		elif [ -z "$discovered" ]; then
			problems+=("xunit's 'Discovered' line is missing, so the number of tests is unknown")
		elif [ "$total" -lt "$discovered" ]; then
			problems+=("$total results for $discovered discovered tests")
		fi
		while IFS= read -r line; do
			[ -n "$line" ] && skip_reasons+=("$line")
		done < <(awk '
			/<UnitTestResult / && /outcome="NotExecuted"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); waiting = 1; next }
			waiting && /<Message>/ { sub(/.*<Message>/, ""); sub(/<\/Message>.*/, ""); print name ": " $0; waiting = 0; next }
			waiting && /<\/UnitTestResult>/ { print name ": (no reason given)"; waiting = 0 }
		' "$trx" | xml_text)
		# The failed tests, each with its label and the first line of its message, are repeated at
		# the end: CI keeps only the tail of the output.
		while IFS= read -r line; do
			[ -n "$line" ] && fail_reasons+=("$label: $line")
		done < <(awk '
			/<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); waiting = 1; next }
			waiting && /<Message>/ { sub(/.*<Message>/, ""); sub(/<\/Message>.*/, ""); print name ": " substr($0, 1, 400); waiting = 0; next }
			waiting && /<\/UnitTestResult>/ { print name ": (no message)"; waiting = 0 }
		' "$trx" | xml_text)
	fi
	if [ "$code" -ne 0 ] && ! { [ "$code" -eq 1 ] && [ "$bad" -gt 0 ]; }; then
		problems+=("dotnet test exited with code $code")
	fi

	passed=$((passed + ok))
	failed=$((failed + bad))
	skipped=$((skipped + total - executed))
	if [ ${#problems[@]} -gt 0 ]; then
		local problem
		for problem in "${problems[@]}"; do
			echo "$label: did not complete: $problem"
			fail_reasons+=("$label: did not complete: $problem")
		done
		failed=$((failed + 1))
		return 1
	fi
	return 0
}

# The self-test: the fixture's test host kills itself with SIGKILL part way through its tests, and
# run_test_project must call that run incomplete. Its counts never reach the totals; if the crash
# went unnoticed, that is one failure.
self_test() {
	echo "== self-test: a test host that kills itself must fail the run"
	local saved=("$passed" "$failed" "$skipped") saved_reasons=("${skip_reasons[@]}")
	local saved_failures=("${fail_reasons[@]}")
	local log="$RESULTS/self-test.log" verdict
	mkdir -p "$RESULTS"
	DLVX_SELF_TEST_CRASH=1 run_test_project "$SELF_TEST_FIXTURE" self-test >"$log" 2>&1
	verdict=$?
	local crash_failed=$failed
	passed=${saved[0]} failed=${saved[1]} skipped=${saved[2]} skip_reasons=("${saved_reasons[@]}")
	fail_reasons=("${saved_failures[@]}")
	if [ "$verdict" -ne 0 ] && [ "$crash_failed" -gt "${saved[1]}" ]; then
		echo "self-test: ok, the crashed run was reported as failed:"
		grep '^self-test: did not complete: ' "$log" | sed 's/^self-test: did not complete: /  /'
		return 0
	fi
	echo "self-test: FAILED: a test host that killed itself was not reported as a failure (log: ${log#"$ROOT"/})"
	failed=$((failed + 1))
	return 1
}

finish() {
	if [ ${#skip_reasons[@]} -gt 0 ]; then
		echo "Skipped tests and why:"
		printf '  %s\n' "${skip_reasons[@]}"
	fi
	if [ ${#fail_reasons[@]} -gt 0 ]; then
		echo "Failed tests and runs:"
		printf '  %s\n' "${fail_reasons[@]}"
	fi
	echo "$passed passed, $failed failed, $skipped skipped"
	[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
	exit $?
}

rm -rf "$RESULTS"
if [ "${1:-}" = "--self-test" ]; then
	echo "== build (Release): the self-test fixture"
	if ! dotnet build "$SELF_TEST_FIXTURE" -c Release -nologo -v quiet -clp:ErrorsOnly\;NoSummary; then
		echo "build failed"
		echo "0 passed, 1 failed, 0 skipped"
		exit 1
	fi
	self_test
	# The fixture's own passing tests are not counted, so say what the self-test itself came to.
	[ "$failed" -eq 0 ] && passed=1
	finish
fi

echo "== build (Release)"
if ! dotnet build PluginSdk.sln -c Release -nologo -v quiet -clp:ErrorsOnly\;NoSummary; then
	echo "build failed"
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi

# Test classes whose results make up a matrix row's line, and what each proves.
MATRIX_CLASSES="MemStatsAccuracyTests:MemStats exact
ByTypeTests:by-type exact
EdgeKindTests:walk = GC
SmallCacheTests:walk = GC with a 1 MiB cache
LargeObjectTests:objects larger than the scan window
RetentionTests:paths/dominators/pprof
SnapshotTests:snapshots
GoroutineGraphTests:goroutine-graph
ChanStatsTests:chan-stats
GoroutineLeaksTests:goroutine-leaks
MemoryMapTests:memory-map
SchedStatsTests:sched-stats
FlagshipRouteTests:routes
CoreDumpTests:core dumps
DapLaunchTests:F5 (dlvx dap)"

# row_summary LABEL...  One line from the TRX files of a row's runs: passed/total per class above.
row_summary() {
	local parts=() class what results pass total skip
	while IFS=: read -r class what; do
		results="$(cat "$@" 2>/dev/null | grep -o "<UnitTestResult [^>]*testName=\"[^\"]*\.$class\.[^\"]*\"[^>]*>" || true)"
		total=$(printf '%s' "$results" | grep -c 'outcome=' || true)
		[ "$total" -eq 0 ] && continue
		pass=$(printf '%s' "$results" | grep -c 'outcome="Passed"' || true)
		skip=$(printf '%s' "$results" | grep -c 'outcome="NotExecuted"' || true)
		parts+=("$what $pass/$((total - skip))$([ "$skip" -gt 0 ] && echo " (+$skip skipped)")")
	done <<<"$MATRIX_CLASSES"
	local IFS=,
	echo "${parts[*]}" | sed 's/,/, /g'
}

# run_matrix: the version-sensitive tests once per row, each under its own Go and Delve.
run_matrix() {
	echo "== matrix: fetching toolchains (scripts/toolchains.sh)"
	local rows
	if ! rows="$(scripts/toolchains.sh)"; then
		echo "matrix: scripts/toolchains.sh could not fetch the toolchains"
		failed=$((failed + 1))
		return
	fi
	local lines=() row go dlv before label trx_files ok
	while IFS=$'\t' read -r row go dlv; do
		[ -n "$row" ] || continue
		before=$failed
		trx_files=()
		for project in tests/Dlvx.Plugins.HeapStats.Tests/Dlvx.Plugins.HeapStats.Tests.csproj tests/Dlvx.Plugins.GoroutineGraph.Tests/Dlvx.Plugins.GoroutineGraph.Tests.csproj tests/Dlvx.Plugins.RuntimeViews.Tests/Dlvx.Plugins.RuntimeViews.Tests.csproj; do
			label="$(basename "$project" .csproj)-$row"
			PATH="$(dirname "$dlv"):$(dirname "$go"):$PATH" DLVX_DLV="$dlv" run_test_project "$project" "$label"
			trx_files+=("$RESULTS/$label.trx")
		done
		label="Dlvx.IntegrationTests-routes-$row"
		PATH="$(dirname "$dlv"):$(dirname "$go"):$PATH" DLVX_DLV="$dlv" DLVX_TEST_FILTER="FullyQualifiedName~FlagshipRouteTests|FullyQualifiedName~CoreDumpTests|FullyQualifiedName~DapLaunchTests" run_test_project tests/Dlvx.IntegrationTests/Dlvx.IntegrationTests.csproj "$label"
		trx_files+=("$RESULTS/$label.trx")
		ok=passed
		[ "$failed" -gt "$before" ] && ok=FAILED
		lines+=("$(printf '%-7s %-8s Delve %-7s %s: %s' "$row" "$("$go" env GOVERSION 2>/dev/null)" "$("$dlv" version 2>/dev/null | sed -n 's/^Version: //p')" "$ok" "$(row_summary "${trx_files[@]}")")")
	done <<<"$rows"
	echo "== matrix rows"
	printf '%s\n' "${lines[@]}" | tee "$RESULTS/matrix.txt"
}

mode="${1:-}"
case "$mode" in
"" | --all | --matrix) ;;
*) echo "test.sh: unknown option '$mode' (use --matrix, --all or --self-test; see the header of test.sh)" >&2; exit 2 ;;
esac
if [ "$mode" = "--matrix" ]; then
	run_matrix
	finish
fi

self_test

# Unit projects first (fast feedback), integration tests last.
# The test projects are those the solution lists (so each was built above) directly under tests/;
# test plugins and the self-test fixture are not tests.
mapfile -t projects < <(dotnet sln PluginSdk.sln list | tr '\\' / | grep -E '^tests/[^/]+/[^/]+\.csproj$' | sort | awk '/Integration/ {late[NR]=$0; next} {print} END {for (i in late) print late[i]}')
for project in "${projects[@]}"; do
	run_test_project "$project"
done
if [ "$mode" = "--all" ]; then
	run_matrix
fi
finish
