#!/usr/bin/env bash
# Rebuilds the API baseline packages from a commit: ./make-baseline.sh COMMIT
# The packages are what package validation compares Dlvx.Sdk and Dlvx.Sdk.Testing with (see README.md).
set -euo pipefail
commit="${1:?usage: make-baseline.sh COMMIT}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(git -C "$here" rev-parse --show-toplevel)"
work="$(mktemp -d)"
trap 'git -C "$repo" worktree remove --force "$work/tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git -C "$repo" worktree add --detach "$work/tree" "$commit" >/dev/null
for project in sdk/Dlvx.Sdk sdk/Dlvx.Sdk.Testing; do
	dotnet pack "$work/tree/$project" -c Release -nologo -v quiet -o "$work/out" -p:EnablePackageValidation=false
done
cp "$work/out"/*.nupkg "$here/"
ls -l "$here"/*.nupkg
