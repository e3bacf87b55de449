#!/usr/bin/env bash
# What telemetry costs the portal's server CPU per request (docs/performance.md, "Telemetry overhead"); about 25 minutes
# for login pages, 55 for full logins:
#   tests/Sigma.Portal.LoadTest/telemetry-overhead.sh [--scenario login-page|full-login] [--starts 2] [--windows 10]
# Starts the published portal --starts times in each of three modes, all at once on the first core: off; metrics (the
# Prometheus listener); metrics and traces (OTLP to a stand-in collector on 127.0.0.1, python3, that answers every
# export and counts them). The load tool on the second core then loads one process at a time for short windows, in an
# order that turns and reverses each window, so the VM's drift falls on every mode alike. Needs python3 and taskset.
# Everything stops by itself; nothing leaves 127.0.0.1. Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/../.."

scenario=login-page starts=2 windows=10
while [ $# -gt 0 ]; do
    case "$1" in
        --scenario) scenario=$2; shift ;;
        --starts) starts=$2; shift ;;
        --windows) windows=$2; shift ;;
        *) echo "Unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
case "$scenario" in
    login-page) window=6 concurrency=8 ;;
    # A login is mostly its password hash (130 ms of CPU): longer windows, or a window holds too few to count.
    full-login) window=20 concurrency=16 ;;
    *) echo "--scenario is login-page or full-login" >&2; exit 2 ;;
esac

work=$(mktemp -d /tmp/sigma-telemetry.XXXXXX)
collector_pid="" servers=()
cleanup() {
    for pid in $collector_pid "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "Building (Release)..."
dotnet publish src/Sigma.Portal -c Release -o "$work/portal" -v quiet -nologo >/dev/null
dotnet build tests/Sigma.Portal.LoadTest -c Release -o "$work/loadtest" -v quiet -nologo >/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
    -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
base=$(( 20000 + RANDOM % 20000 ))
collector=$((base + 99))
export Kestrel__Endpoints__Https__Certificate__Path="$work/cert.pem" Kestrel__Endpoints__Https__Certificate__KeyPath="$work/key.pem" \
    ASPNETCORE_ENVIRONMENT=Production DataProtection__CertificatePath="$work/keyring.pfx" DataProtection__CreateCertificate=true \
    ConnectionStrings__Portal="Data Source=$work/portal.db" AllowedHosts=127.0.0.1 Portal__PublicBaseUrl="https://127.0.0.1:$base" \
    Smtp__Host=127.0.0.1 Smtp__Port=25 Smtp__Security=None RateLimits__CredentialAttemptsPerMinute=10000
(cd "$work/portal" && dotnet Sigma.Portal.dll seed-demo --users 2000 --out "$work/users.csv" --i-know-this-is-not-production >/dev/null)

# The stand-in collector: takes every OTLP/HTTP export, answers 200, counts them (so the traces really left).
cat > "$work/collector.py" <<'PY'
import http.server, sys
class Collector(http.server.BaseHTTPRequestHandler):
    exports = 0
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200); self.send_header("Content-Type", "application/x-protobuf"); self.send_header("Content-Length", "0"); self.end_headers()
        Collector.exports += 1
        with open(sys.argv[2], "w") as count: count.write(str(Collector.exports))
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Collector).serve_forever()
PY
taskset -c 1 python3 "$work/collector.py" "$collector" "$work/exports" &
collector_pid=$!

# Process i runs mode modes[i] on port base + 2i (and its Prometheus listener on the next port).
modes=()
for _ in $(seq 1 "$starts"); do modes+=(off metrics traces); done
for i in "${!modes[@]}"; do
    port=$((base + 2 * i))
    case "${modes[$i]}" in
        off) telemetry=() ;;
        metrics) telemetry=(Telemetry__PrometheusPort=$((port + 1))) ;;
        traces) telemetry=(OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$collector" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf) ;;
    esac
    (cd "$work/portal" && exec env Kestrel__Endpoints__Https__Url="https://127.0.0.1:$port" "${telemetry[@]}" taskset -c 0 dotnet Sigma.Portal.dll) \
        > "$work/server-$i.log" 2>&1 &
    servers+=($!)
    for _ in $(seq 1 600); do [ "$(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port/health")" = 200 ] && break; sleep 0.1; done
done
load() { # PROCESS_INDEX ARGS...
    taskset -c 1 dotnet "$work/loadtest/Sigma.Portal.LoadTest.dll" run --target portal --url "https://127.0.0.1:$((base + 2 * $1))" \
        --certificate "$work/cert.pem" --users "$work/users.csv" --pid "${servers[$1]}" --concurrency "$concurrency" "${@:2}"
}

# The tiered JIT keeps compiling for 70-90 s of load on one core (dotnet-counters' dotnet.jit.compilation.time: a
# quarter to a third of the CPU in some 10-s intervals near a minute in, later with traces, which bring more code), and
# a window inside that measures the JIT: each process gets 150 s of the measured scenario before anything counts.
echo "Warming up ${#modes[@]} processes..."
for _ in 1 2 3 4 5 6; do for i in "${!modes[@]}"; do load "$i" --scenario "$scenario" --duration 25 --warmup 0 >/dev/null; done; done

echo "Measuring $windows windows of $window s per process ($scenario)..."
n=${#modes[@]}
for w in $(seq 1 "$windows"); do
    order=$(seq 0 $((n - 1)) | awk -v w="$w" -v n="$n" '{ print ($1 + w) % n }')
    if [ $((w % 2)) = 0 ]; then order=$(echo "$order" | tac); fi
    for i in $order; do
        line=$(load "$i" --scenario "$scenario" --duration "$window" --warmup 1 | grep '^result')
        echo "$w ${modes[$i]} $(echo "$line" | sed 's/.* count=\([0-9]*\) .*server_cpu_s=\([0-9.]*\) .*/\1 \2/')" >> "$work/windows.txt"
    done
done

# Per mode: CPU seconds over requests, pooled. Per window: each mode against off in the same window, and the spread.
echo
echo "Telemetry overhead, $scenario, $starts processes per mode, $windows windows of $window s each (exports received: $(cat "$work/exports" 2>/dev/null || echo 0))"
awk '
    { ops[$2] += $3; cpu[$2] += $4; wops[$1, $2] += $3; wcpu[$1, $2] += $4; last = $1 }
    END {
        printf "%-20s %22s %14s %22s\n", "Mode", "Server CPU/op (ms)", "Against off", "± (95%, per window)"
        split("off metrics traces", names, " ")
        for (m = 1; m <= 3; m++) {
            name = names[m]; sum = 0; sq = 0
            for (w = 1; w <= last; w++) { r = (wcpu[w, name] / wops[w, name]) / (wcpu[w, "off"] / wops[w, "off"]); sum += r; sq += r * r }
            mean = sum / last; sd = last > 1 ? sqrt((sq - last * mean * mean) / (last - 1)) : 0
            printf "%-20s %22.4f %+13.1f%% %21.1f%%\n", (name == "traces" ? "metrics and traces" : name), 1000 * cpu[name] / ops[name],
                100 * ((cpu[name] / ops[name]) / (cpu["off"] / ops["off"]) - 1), 196 * sd / sqrt(last)
        }
    }' "$work/windows.txt"
