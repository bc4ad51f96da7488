#!/usr/bin/env bash
# The proxy benchmark of issue 6: the same load generator (bench ProxyLoad, one publisher and one
# subscriber) against a mosquitto it starts, once directly and once through `mqttsniff proxy`
# (decoding to JSON lines sent to /dev/null), in the same run, alternating, ROUNDS times:
#   throughput: QoS 1 PUBLISH (64 B payload, 64 unacknowledged at most), messages/s delivered
#   latency:    QoS 0 PUBLISH at RATE messages/s, publisher-to-subscriber p50/p99/p99.9 in µs
#   paired:     the latency load on both paths at once, each message sent on both in the same
#               instant, and the percentiles of each message's difference: the latency added
# The proxy JVM runs with -Xmx256m and is warmed up (10 s of load) before the first round.
#
# Where socat is installed, a plain relay (socat, no decoding) runs too, and each round measures
# the latency through it: what any relay in front of the broker costs on this machine.
# With OLD_JAR=path/to/other/mqttsniff.jar a second proxy runs that jar, and each round adds its
# throughput, and the paired latency of old against new (each message through both at once).
#
# Usage: bench/proxy-bench.sh [seconds] [rate] [rounds]      SKIP_BUILD=1 to use the jars as built
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-10}"
RATE="${2:-10000}"
ROUNDS="${3:-2}"
# what the proxy does with its events: JSON lines by default; PROXY_OUT=-z to count them only
PROXY_OUT="${PROXY_OUT:--T json}"

[ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -q -pl cli,bench -am package -DskipTests
OLD_JAR="${OLD_JAR:-}"
WORK=$(mktemp -d)
BROKER_PID=""
PROXY_PID=""
OLD_PID=""
SOCAT_PID=""
cleanup() {
    if [ -n "$SOCAT_PID" ]; then
        pkill -P "$SOCAT_PID" 2>/dev/null || true   # its forked children, one per connection
        kill "$SOCAT_PID" 2>/dev/null && wait "$SOCAT_PID" 2>/dev/null || true
    fi
    [ -n "$PROXY_PID" ] && kill "$PROXY_PID" 2>/dev/null && wait "$PROXY_PID" 2>/dev/null || true
    [ -n "$OLD_PID" ] && kill "$OLD_PID" 2>/dev/null && wait "$OLD_PID" 2>/dev/null || true
    [ -n "$BROKER_PID" ] && kill "$BROKER_PID" 2>/dev/null && wait "$BROKER_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
await_port() {
    for _ in $(seq 200); do
        (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "nothing listens on $1" >&2; exit 1
}

BPORT=$(free_port)
printf 'listener %s 127.0.0.1\nallow_anonymous true\nmax_queued_messages 0\n' "$BPORT" > "$WORK/m.conf"
mosquitto -c "$WORK/m.conf" > "$WORK/m.log" 2>&1 &
BROKER_PID=$!
await_port "$BPORT"

PPORT=$(free_port)
java -Xmx256m -jar cli/target/mqttsniff.jar proxy --listen 127.0.0.1:"$PPORT" --upstream 127.0.0.1:"$BPORT" \
    $PROXY_OUT > /dev/null 2> "$WORK/proxy.err" &
PROXY_PID=$!
await_port "$PPORT"
if command -v socat > /dev/null; then
    SPORT=$(free_port)
    socat TCP-LISTEN:"$SPORT",bind=127.0.0.1,fork,reuseaddr,nodelay TCP:127.0.0.1:"$BPORT",nodelay &
    SOCAT_PID=$!
    await_port "$SPORT"
fi
if [ -n "$OLD_JAR" ]; then
    OPORT=$(free_port)
    java -Xmx256m -jar "$OLD_JAR" proxy --listen 127.0.0.1:"$OPORT" --upstream 127.0.0.1:"$BPORT" \
        $PROXY_OUT > /dev/null 2> "$WORK/old.err" &
    OLD_PID=$!
    await_port "$OPORT"
fi

# CPU seconds (user + system) a process has used: steadier than elapsed time on a shared machine
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' /proc/"$1"/stat; }

LOAD="java -cp bench/target/benchmarks.jar org.mqttsniff.bench.ProxyLoad"
# the proxy's JIT warms up before anything is measured (the broker needs none)
$LOAD throughput 127.0.0.1 "$PPORT" 5 > /dev/null
$LOAD latency 127.0.0.1 "$PPORT" "$RATE" 5 > /dev/null
if [ -n "$OLD_JAR" ]; then
    $LOAD throughput 127.0.0.1 "$OPORT" 5 > /dev/null
    $LOAD latency 127.0.0.1 "$OPORT" "$RATE" 5 > /dev/null
fi
echo "cores: $(nproc), load: $(cut -d' ' -f1-3 /proc/loadavg), ${SECONDS_EACH}s per run, ${ROUNDS} rounds"
for round in $(seq "$ROUNDS"); do
    d=$($LOAD throughput 127.0.0.1 "$BPORT" "$SECONDS_EACH")
    c0=$(cpu "$PROXY_PID")
    p=$($LOAD throughput 127.0.0.1 "$PPORT" "$SECONDS_EACH")
    c1=$(cpu "$PROXY_PID")
    awk -v r="$round" -v d="$d" -v p="$p" -v c="$c1" -v c0="$c0" -v s="$SECONDS_EACH" 'BEGIN {
        printf "round %d throughput msg/s: direct %8.0f   proxy %8.0f   (%.1f%%)   proxy cpu %.1f µs/msg\n",
            r, d, p, 100 * p / d, (c - c0) * 1e6 / (p * (s + 1)) }'
    d=$($LOAD latency 127.0.0.1 "$BPORT" "$RATE" "$SECONDS_EACH")
    p=$($LOAD latency 127.0.0.1 "$PPORT" "$RATE" "$SECONDS_EACH")
    echo "round $round latency µs at $RATE msg/s: direct $d"
    echo "round $round latency µs at $RATE msg/s: proxy  $p"
    if [ -n "$SOCAT_PID" ]; then
        echo "round $round latency µs at $RATE msg/s: socat  $($LOAD latency 127.0.0.1 "$SPORT" "$RATE" "$SECONDS_EACH")"
    fi
    # both paths at once, each message on both: the scheduling noise is the same for the two
    echo "round $round paired µs at $RATE msg/s each: $($LOAD paired 127.0.0.1 "$BPORT" "$PPORT" "$RATE" "$SECONDS_EACH")"
    if [ -n "$OLD_JAR" ]; then
        o=$($LOAD throughput 127.0.0.1 "$OPORT" "$SECONDS_EACH")
        echo "round $round throughput msg/s through OLD_JAR: $o"
        echo "round $round old-vs-new µs at $RATE msg/s each (\"direct\" = OLD_JAR's proxy, \"added\" = new minus old): $($LOAD paired 127.0.0.1 "$OPORT" "$PPORT" "$RATE" "$SECONDS_EACH")"
    fi
done
grep -v "listening on" "$WORK/proxy.err" || true
