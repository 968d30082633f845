#!/usr/bin/env bash
# Runs the end-to-end benchmark and writes bench/results.md.
#   ./bench/run.sh           full run (100,000 goroutines; several minutes)
#   ./bench/run.sh --quick   quick run (10,000 goroutines; under two minutes)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/prerequisites.sh
. "$ROOT/scripts/prerequisites.sh"
dlvx_ensure_prerequisites || exit 1
cd "$ROOT"
# shellcheck source=../scripts/build-host.sh
. "$ROOT/scripts/build-host.sh"
dlvx_build_host "$ROOT" || exit 1
dotnet build bench/Dlvx.Bench -c Release -nologo -v quiet >/dev/null
DLVX_REPO="$ROOT" DLVX_HOST_DLL="$DLVX_HOST_DLL" exec dotnet bench/Dlvx.Bench/bin/Release/net10.0/Dlvx.Bench.dll "$@"
