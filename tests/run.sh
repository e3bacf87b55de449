#!/usr/bin/env bash
# The test command: installs what the tests need on this machine, then runs every test project of the solution
# and prints one line "N passed, N failed, N skipped" totalled over all of them.
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

status=0
dotnet test Sigma.Portal.sln -c Release --logger "trx" --results-directory "$results" "$@" || status=$?

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    passed=$((passed + $(value passed)))
    failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
    skipped=$((skipped + $(value notExecuted)))
done

if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
    echo "No test ran: treating that as a failure." >&2
    status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
