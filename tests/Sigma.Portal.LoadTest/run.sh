#!/usr/bin/env bash
# Measures the portal under load on this machine and prints one table (see docs/performance.md); about 18 minutes:
#   tests/Sigma.Portal.LoadTest/run.sh [--compare-template] [--users 10000] [--duration 20] [--starts 5] [--rounds 3]
# Builds Release, starts the published portal (Production, SQLite, HTTPS on 127.0.0.1 with a throwaway certificate)
# pinned to the first core with the load tool on the second, seeds accounts with `seed-demo`, then runs: login page GET
# (32 connections); full login with password and code (16 concurrent) in windows between measurements of the password
# hash bound on the server's core; login page GET (8) alone and beside a flood of 64 wrong-password logins; a single
# sign-on round trip to a further application and refresh-token requests, each beside a login page GET run; passkey
# sign-ins (each visitor adds a passkey under Settings in the warm-up). With
# --compare-template the stock `dotnet new mvc --auth Individual` app gets the same treatment in the same run.
# Everything stops by itself; nothing leaves 127.0.0.1. Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/../.."

compare=0 users=10000 duration=20 warmup=5 starts=5 rounds=3
while [ $# -gt 0 ]; do
    case "$1" in
        --compare-template) compare=1 ;;
        --users) users=$2; shift ;;
        --duration) duration=$2; shift ;;
        --starts) starts=$2; shift ;;
        --rounds) rounds=$2; shift ;;
        *) echo "Unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
if [ "$rounds" -lt 1 ]; then echo "--rounds must be at least 1" >&2; exit 2; fi

work=$(mktemp -d /tmp/sigma-load.XXXXXX)
server_pid=""
cleanup() {
    # CONT as well: a server stopped while a bound is measured acts on TERM only once it runs again.
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; kill -CONT "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# Server on core 0, load tool on core 1, so neither steals the other's CPU (when there are two cores).
server_cpu=() client_cpu=()
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
    server_cpu=(taskset -c 0) client_cpu=(taskset -c 1)
fi

echo "Building (Release)..."
dotnet publish src/Sigma.Portal -c Release -o "$work/portal" -v quiet -nologo >/dev/null
dotnet build tests/Sigma.Portal.LoadTest -c Release -o "$work/loadtest" -v quiet -nologo >/dev/null
load() { "${client_cpu[@]}" dotnet "$work/loadtest/Sigma.Portal.LoadTest.dll" "$@"; }

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
    -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
port=$(( 20000 + RANDOM % 20000 ))
url="https://127.0.0.1:$port"
export Kestrel__Endpoints__Https__Url="$url" Kestrel__Endpoints__Https__Certificate__Path="$work/cert.pem" \
    Kestrel__Endpoints__Https__Certificate__KeyPath="$work/key.pem" ASPNETCORE_ENVIRONMENT=Production \
    DataProtection__CertificatePath="$work/keyring.pfx" DataProtection__CreateCertificate=true

declare -A result

# start NAME READY_PATH COMMAND...: starts the server and waits for the first 200 of READY_PATH; seconds in $started_in.
start() {
    local name=$1 ready=$2; shift 2
    local began; began=$(date +%s%N)
    "${server_cpu[@]}" "$@" >"$work/$name.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 600); do
        if [ "$(curl -sk -o /dev/null -w '%{http_code}' "$url$ready")" = "200" ]; then
            started_in=$(awk "BEGIN { printf \"%.2f\", ($(date +%s%N) - $began) / 1e9 }")
            return 0
        fi
        sleep 0.05
    done
    echo "$name did not answer $ready within 30 s; its log:" >&2; tail -20 "$work/$name.log" >&2; exit 1
}

# sample_start NAME READY_PATH COMMAND...: one start, its seconds to the first 200 and its RSS 2 s later, then stop.
sample_start() {
    start "$@"
    sleep 2
    result[$1.starts]+="$started_in " result[$1.rsss]+="$(load memory --pid "$server_pid" | sed -n 's/.*rss_mib=\([0-9]*\).*/\1/p') "
    stop
}

median() { tr ' ' '\n' <<<"$1" | sort -n | awk 'NF { v[++n] = $1 } END { if (n) print (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }'; }

stop() { kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

# frozen_bound ITERATIONS: password verifications per second on the server's core, measured while the running server
# is frozen (SIGSTOP), so none of it runs meanwhile: a server at rest still compiles what the last load made hot (the
# tiered JIT took 2.5 s of CPU in the 24 s after the login page load; one bound beside it read 3.2 instead of 5.2).
frozen_bound() {
    local out
    kill -STOP "$server_pid"
    out=$("${server_cpu[@]}" dotnet "$work/loadtest/Sigma.Portal.LoadTest.dll" hash-bound --iterations "$1" --seconds 8)
    kill -CONT "$server_pid"
    field "$out" rate
}

field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1" | head -1; }

ratio() { awk "BEGIN { if ($2 + 0 == 0) print \"-\"; else printf \"%.2f\", $1 / $2 }"; }

# full_logins NAME ITERATIONS LOAD_ARGS...: full logins against the hash bound, measured right before and after each
# of --rounds windows; every window is compared with the mean of the two around it and the ratio pools the windows.
# On a VM whose speed moves within seconds (the test VM's by 20-35%) even that cannot resolve a few percent; the
# hashing share of each window, measured on the same core in the same seconds, can (docs/performance.md).
full_logins() {
    local name=$1 iterations=$2 out before after rate p99 logins=0 bounds=0 all_bounds="" shares="" ratios="" worst=0 failures=0
    shift 2
    # Logins are slow, so their code paths reach the JIT's tier-up thresholds only after a few hundred of them: a
    # long warm-up measures the steady state (tiered compilation still took 1.5-4.6 s of a 20 s window after 40 s).
    load "$@" --scenario full-login --concurrency 16 --warmup 90 --duration 5 >/dev/null
    before=$(frozen_bound "$iterations") all_bounds=$before
    for _ in $(seq 1 "$rounds"); do
        out=$(load "$@" --scenario full-login --concurrency 16 --warmup 2); echo "$out"
        after=$(frozen_bound "$iterations") all_bounds+=" $after"
        rate=$(field "$out" rate) p99=$(field "$out" p99)
        logins=$(awk "BEGIN { print $logins + $rate }") bounds=$(awk "BEGIN { print $bounds + ($before + $after) / 2 }")
        ratios+="$(ratio "$rate" "$(awk "BEGIN { print ($before + $after) / 2 }")") " shares+="$(field "$out" hashing_share) "
        worst=$(awk "BEGIN { print ($p99 > $worst) ? $p99 : $worst }") failures=$((failures + $(field "$out" failures)))
        result[$name.login_cpu]=$(field "$out" server_cpu_ms_per_op)
        before=$after
    done
    result[$name.login_rate]=$(awk "BEGIN { printf \"%.2f\", $logins / $rounds }") result[$name.login_p99]=$worst
    result[$name.bound]=$(awk "BEGIN { printf \"%.2f\", $bounds / $rounds }") result[$name.login_ratio]=$(ratio "$logins" "$bounds")
    result[$name.bounds]=$all_bounds result[$name.ratios]=$ratios result[$name.hash_share]=$shares result[$name.login_fail]=$failures
}

# measure NAME TARGET USERS_CSV ITERATIONS: the four load runs against the running server.
measure() {
    local name=$1 target=$2 csv=$3 iterations=$4 out
    local common=(run --target "$target" --url "$url" --certificate "$work/cert.pem" --users "$csv" --duration "$duration" --warmup "$warmup" --pid "$server_pid")
    # Not recorded: lets the just-started server finish compiling its hot paths. The tiered JIT needs about a minute of
    # page load for that: a server 10 s after start spent 1.3 ms of CPU per login page, after 40 s 0.4 ms.
    load "${common[@]}" --scenario login-page --concurrency 8 --duration 60 --warmup 0 >/dev/null
    out=$(load "${common[@]}" --scenario login-page --concurrency 32); echo "$out"
    result[$name.page_rate]=$(field "$out" rate) result[$name.page_p99]=$(field "$out" p99) result[$name.page_fail]=$(field "$out" failures)
    full_logins "$name" "$iterations" "${common[@]}"
    out=$(load "${common[@]}" --scenario login-page --concurrency 8); echo "$out"
    result[$name.quiet_p99]=$(field "$out" p99)
    out=$(load "${common[@]}" --scenario login-page --concurrency 8 --flood 64); echo "$out"
    result[$name.flood_p99]=$(field "$(grep '^result' <<<"$out")" p99)
    result[$name.flood_statuses]=$(field "$(grep '^flood' <<<"$out")" statuses)
    result[$name.peak]=$(field "$(grep '^memory' <<<"$out")" peak_rss_mib)
    if [ "$target" = portal ]; then sso "$name" "${common[@]}"; passkeys "$name" "${common[@]}"; fi
}

# passkeys NAME LOAD_ARGS...: "Inloggen met passkey", 16 visitors, each of which signed in once with password and code
# and added a passkey under Settings inside the warm-up; then every sign-in is login page, options, the device's
# signature and the answer, ending on the home page, without a password hash.
passkeys() {
    local name=$1 out
    shift
    out=$(load "$@" --scenario passkey-login --concurrency 16 --warmup 40); echo "$out"
    result[$name.passkey_rate]=$(field "$out" rate) result[$name.passkey_p50]=$(field "$out" p50) result[$name.passkey_p99]=$(field "$out" p99)
    result[$name.passkey_cpu]=$(field "$out" server_cpu_ms_per_op) result[$name.passkey_fail]=$(field "$out" failures)
}

# sso NAME LOAD_ARGS...: single sign-on beside the login page in the same run, 8 visitors each. Each visitor signs in
# once with password and code inside the warm-up; then a round trip to a further application (authorize, code, token)
# costs no password hash, and an application renews its tokens with one refresh-token request.
sso() {
    local name=$1 out page
    shift
    local client=(--client-id loadtest --client-secret "$client_secret" --redirect-uri https://loadtest.invalid/signin-oidc)
    page=$(load "$@" --scenario login-page --concurrency 8); echo "$page"
    out=$(load "$@" "${client[@]}" --scenario sso-round-trip --concurrency 8 --warmup 30); echo "$out"
    result[$name.sso_rate]=$(field "$out" rate) result[$name.sso_p99]=$(field "$out" p99) result[$name.sso_fail]=$(field "$out" failures)
    result[$name.sso_cpu]=$(field "$out" server_cpu_ms_per_op) result[$name.page_cpu]=$(field "$page" server_cpu_ms_per_op)
    result[$name.sso_hash]=$(field "$out" hashing_share)
    out=$(load "$@" "${client[@]}" --scenario refresh --concurrency 8 --warmup 30); echo "$out"
    result[$name.refresh_rate]=$(field "$out" rate) result[$name.refresh_p99]=$(field "$out" p99) result[$name.refresh_fail]=$(field "$out" failures)
    result[$name.refresh_cpu]=$(field "$out" server_cpu_ms_per_op)
}

echo "Portal: seeding $users accounts..."
portal_env=(ConnectionStrings__Portal="Data Source=$work/portal.db" Portal__PublicBaseUrl="$url" AllowedHosts=127.0.0.1
    Smtp__Host=127.0.0.1 Smtp__Port=25 Smtp__Security=None RateLimits__CredentialAttemptsPerMinute=10000
    ForwardedHeaders__KnownProxies__0=127.0.0.1)
# Both apps run from their publish folder, their content root (appsettings.json, help articles).
portal=(env "${portal_env[@]}" bash -c "cd '$work/portal' && exec dotnet Sigma.Portal.dll")
template=(bash -c "cd '$work/template-out' && exec dotnet App.dll")
seeded=$( { cd "$work/portal" && env "${portal_env[@]}" /usr/bin/time -f "%e" dotnet Sigma.Portal.dll seed-demo --users "$users" --out "$work/users.csv" --i-know-this-is-not-production >/dev/null; } 2>&1 | tail -1)
# An application to sign in to; the secret is printed once, on its own line.
client_secret=$(cd "$work/portal" && env "${portal_env[@]}" dotnet Sigma.Portal.dll register-app --client-id loadtest --name "Load test" \
    --redirect-uri https://loadtest.invalid/signin-oidc | sed -n 's/^client_secret: //p')
if [ "$compare" = 1 ]; then
    echo "Template: generating, publishing and seeding..."
    (cd "$work" && dotnet new mvc --auth Individual -o template -n App >/dev/null)
    dotnet publish "$work/template" -c Release -o "$work/template-out" -v quiet -nologo >/dev/null
    load seed-template --db "$work/template-out/app.db" --users "$users" --out "$work/template-users.csv" >/dev/null
fi

# One start on this VM varies by 0.2-0.3 s, and single starts of the same two builds landed on either side of each
# other: the figures are medians of --starts starts, taken in turns so that drift of the VM hits both apps alike.
echo "Starting each app $starts times..."
for _ in $(seq 1 "$starts"); do
    sample_start portal /health "${portal[@]}"
    if [ "$compare" = 1 ]; then sample_start template / "${template[@]}"; fi
done
for name in portal template; do
    result[$name.start]=$(median "${result[$name.starts]:-}") result[$name.rss]=$(median "${result[$name.rsss]:-}")
done

start portal /health "${portal[@]}"
measure portal portal "$work/users.csv" 210000
stop

if [ "$compare" = 1 ]; then
    start template / "${template[@]}"
    measure template template "$work/template-users.csv" 100000
    stop
fi

echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --version); server pinned: ${server_cpu[*]:-no}"
echo "seed-demo: $users accounts in ${seeded} s"
printf "%-52s %14s %14s %8s\n" "Figure" "Portal" "Template" "Ratio"
row() { printf "%-52s %14s %14s %8s\n" "$1" "${result[portal.$2]:-}" "${result[template.$2]:--}" "$( [ "$compare" = 1 ] && ratio "${result[portal.$2]}" "${result[template.$2]}" || echo -)"; }
row "Start to first 200, median (s)" start
row "RSS after start, median (MiB)" rss
row "Hash bound on the server's core (hashes/s)" bound
row "Login page GET, 32 connections (req/s)" page_rate
row "Login page GET p99 (ms)" page_p99
row "Full login, 16 concurrent (logins/s)" login_rate
row "Full login p99, highest of the windows (ms)" login_p99
row "Login page GET p99, 8 connections, quiet (ms)" quiet_p99
row "Login page GET p99, 8 connections, 64-login flood (ms)" flood_p99
row "Peak RSS (MiB)" peak
echo
echo "Full login / hash bound, $rounds windows pooled: portal ${result[portal.login_ratio]}$( [ "$compare" = 1 ] && echo ", template ${result[template.login_ratio]}")"
echo "  each window against the mean of the bounds before and after it: portal ${result[portal.ratios]}$( [ "$compare" = 1 ] && echo "; template ${result[template.ratios]}")"
echo "  bounds, in order (hashes/s): portal ${result[portal.bounds]}$( [ "$compare" = 1 ] && echo "; template ${result[template.bounds]}")"
# The share does not depend on how fast this VM happens to run while the bound is measured.
echo "Server CPU spent hashing passwords during each window: portal ${result[portal.hash_share]}"
echo "Flood p99 / quiet p99: portal $(ratio "${result[portal.flood_p99]}" "${result[portal.quiet_p99]}")$( [ "$compare" = 1 ] && echo ", template $(ratio "${result[template.flood_p99]}" "${result[template.quiet_p99]}")")"
echo "Flood answers (status:count): portal ${result[portal.flood_statuses]}$( [ "$compare" = 1 ] && echo ", template ${result[template.flood_statuses]}")"
echo "Starts (s): portal ${result[portal.starts]}$( [ "$compare" = 1 ] && echo "; template ${result[template.starts]}")"
echo "RSS after start (MiB): portal ${result[portal.rsss]}$( [ "$compare" = 1 ] && echo "; template ${result[template.rsss]}")"
echo "Failures: login page ${result[portal.page_fail]}, full login ${result[portal.login_fail]} (portal)"
echo
echo "Single sign-on (portal, 8 visitors signed in once; server on one core):"
echo "  round trip to a further application (authorize, code, token): ${result[portal.sso_rate]}/s, p99 ${result[portal.sso_p99]} ms, server CPU ${result[portal.sso_cpu]} ms each, hashing share ${result[portal.sso_hash]}, failures ${result[portal.sso_fail]}"
echo "  login page GET beside it, 8 connections: server CPU ${result[portal.page_cpu]} ms each"
echo "  round trip / login page GET, server CPU: $(ratio "${result[portal.sso_cpu]}" "${result[portal.page_cpu]}") (goal: at most 4)"
echo "  refresh-token requests: ${result[portal.refresh_rate]}/s on one core, p99 ${result[portal.refresh_p99]} ms, server CPU ${result[portal.refresh_cpu]} ms each, failures ${result[portal.refresh_fail]}"
echo "Passkey sign-ins (portal, 16 visitors, no password or code typed; server on one core):"
echo "  ${result[portal.passkey_rate]}/s, p50 ${result[portal.passkey_p50]} ms, p99 ${result[portal.passkey_p99]} ms, server CPU ${result[portal.passkey_cpu]} ms each, failures ${result[portal.passkey_fail]}"
echo "  against full logins (password and code) in this run: $(ratio "${result[portal.passkey_rate]}" "${result[portal.login_rate]}")x the rate, $(ratio "${result[portal.login_cpu]}" "${result[portal.passkey_cpu]}")x less server CPU each"
