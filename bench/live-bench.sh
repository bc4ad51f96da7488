#!/usr/bin/env bash
# The live capture benchmark of issue 4: while CONNECTIONS clients flood a Mosquitto broker on
# 127.0.0.1 with small synchronous QoS 1 publishes (QosOneFlood: one MQTT packet per TCP segment),
# capture SECONDS of it with each tool in turn, in the same run:
#   tcpdump -i lo -w /dev/null port PORT
#   java -jar mqttsniff.jar -i lo -p PORT -T json > /dev/null
# and print what each says it received and dropped (tcpdump's summary lines, mqttsniff's final
# summary). Each captures for SECONDS after it said "listening on", then gets SIGTERM, on which
# both print their counts. ROUNDS repeats the pair.
#
# Needs root (or capture capabilities), libpcap, mosquitto and tcpdump.
# Usage: sudo bench/live-bench.sh [connections] [seconds] [rounds]       SKIP_BUILD=1 to reuse the jars
#        OLD_JAR=path/to/mqttsniff.jar adds a third capture per round with that jar, for a before/after
#        in the same flood
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS="${1:-8}"
SECONDS_EACH="${2:-10}"
ROUNDS="${3:-1}"

for tool in mosquitto tcpdump python3; do
    command -v "$tool" > /dev/null || { echo "live-bench: $tool is missing" >&2; exit 2; }
done
if [[ -z "${SKIP_BUILD:-}" ]]; then
    ./mvnw -B -q -pl cli,bench -am clean package -DskipTests
fi

WORK=$(mktemp -d)
chmod 755 "$WORK" # mosquitto drops to its own user
BROKER_PID=""
FLOOD_PID=""
cleanup() {
    [[ -n "$FLOOD_PID" ]] && kill "$FLOOD_PID" 2> /dev/null || true
    [[ -n "$BROKER_PID" ]] && kill "$BROKER_PID" 2> /dev/null || true
    wait 2> /dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$PORT" > "$WORK/m.conf"
mosquitto -c "$WORK/m.conf" > "$WORK/broker.log" 2>&1 &
BROKER_PID=$!
for _ in $(seq 100); do
    (exec 3<> "/dev/tcp/127.0.0.1/$PORT") 2> /dev/null && break
    sleep 0.05
done

TOOLS=2; [[ -n "${OLD_JAR:-}" ]] && TOOLS=3
FLOOD_SECONDS=$(( ROUNDS * TOOLS * (SECONDS_EACH + 8) + 6 ))
java -cp bench/target/benchmarks.jar org.mqttsniff.bench.QosOneFlood 127.0.0.1 "$PORT" "$CONNECTIONS" "$FLOOD_SECONDS" \
    > "$WORK/flood.out" 2>&1 &
FLOOD_PID=$!
sleep 3 # let the flood reach its pace (and the JIT warm up) before measuring

# capture NAME ERRFILE CMD...: starts CMD, waits for its "listening on" line (JVM start-up is not
# capture time), lets it capture for SECONDS_EACH seconds, then sends SIGTERM and waits for it
capture() {
    local name="$1" err="$2"; shift 2
    "$@" > /dev/null 2> "$err" &
    local pid=$!
    for _ in $(seq 600); do
        grep -q 'listening on' "$err" 2> /dev/null && break
        kill -0 "$pid" 2> /dev/null || break
        sleep 0.05
    done
    sleep "$SECONDS_EACH"
    kill -TERM "$pid" 2> /dev/null || true
    wait "$pid" || true
    echo "round $round  $name:"
}

echo "load: $CONNECTIONS connections of synchronous QoS 1 publishes on 127.0.0.1:$PORT; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
    capture "tcpdump -i lo -w /dev/null port $PORT" "$WORK/tcpdump.err" tcpdump -i lo -w /dev/null "port $PORT"
    grep -E 'packets (captured|received by filter|dropped by kernel)' "$WORK/tcpdump.err" | sed 's/^/    /' || true
    # shellcheck disable=SC2086
    capture "mqttsniff -i lo -p $PORT -T json ${MQTTSNIFF_OPTS:-}> /dev/null" "$WORK/mqttsniff.err" \
        java -jar cli/target/mqttsniff.jar -i lo -p "$PORT" -T json ${MQTTSNIFF_OPTS:-}
    grep -v 'listening on' "$WORK/mqttsniff.err" | sed 's/^/    /' || true
    if [[ -n "${OLD_JAR:-}" ]]; then
        # shellcheck disable=SC2086
        capture "OLD_JAR -i lo -p $PORT -T json ${MQTTSNIFF_OPTS:-}> /dev/null" "$WORK/old.err" \
            java -jar "$OLD_JAR" -i lo -p "$PORT" -T json ${MQTTSNIFF_OPTS:-}
        grep -v 'listening on' "$WORK/old.err" | sed 's/^/    /' || true
    fi
done
wait "$FLOOD_PID" || true
FLOOD_PID=""
echo "flood: $(cat "$WORK/flood.out"); load average now $(cut -d' ' -f1-3 /proc/loadavg)"
