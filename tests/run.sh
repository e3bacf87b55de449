#!/usr/bin/env bash
# The test command: installs what the tests need on this machine, then builds and runs every test project under
# tests/ (each csproj not marked <IsTestProject>false</IsTestProject>), one after the other, each even when an earlier
# one failed. The last line totals them all: "N passed, N failed, N skipped"; a project that left no results (it did
# not build, or its test host died) is named on a line of its own above it and counted as one failure.
#   tests/run.sh                 everything
#   tests/run.sh --filter X      passed on to dotnet test
set -uo pipefail
cd "$(dirname "$0")/.."

# The browser tests drive Debian's Chromium (or SIGMA_CHROMIUM); install it when it is missing, never skip them.
chromium="${SIGMA_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "Installing chromium for the browser tests (apt-get)..."
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation; } >/dev/null 2>&1
    fi
    if [ ! -x "$chromium" ]; then
        echo "Chromium is missing at $chromium: run 'sudo apt-get install chromium' or set SIGMA_CHROMIUM, then run the tests again." >&2
        exit 1
    fi
fi

results="artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

projects=()
for project in tests/*/*.csproj; do
    grep -q "<IsTestProject>false</IsTestProject>" "$project" || projects+=("$project")
done

status=0
for project in "${projects[@]}"; do
    name=$(basename "$project" .csproj)
    echo
    echo "=== $name"
    dotnet test "$project" -c Release --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" || status=1
done

passed=0 failed=0 skipped=0 missing=()
for project in "${projects[@]}"; do
    name=$(basename "$project" .csproj)
    trx="$results/$name.trx"
    if [ ! -f "$trx" ]; then
        missing+=("$name")
        continue
    fi
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    value() { local v; v=$(echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"); echo "${v:-0}"; }
    passed=$((passed + $(value passed)))
    failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
    skipped=$((skipped + $(value notExecuted)))
done

echo
for name in "${missing[@]}"; do
    echo "$name: did not run (no results file), counted as 1 failed"
    failed=$((failed + 1))
    status=1
done
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
    echo "No test ran: treating that as a failure."
    status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
