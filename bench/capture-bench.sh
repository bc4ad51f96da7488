#!/usr/bin/env bash
# The capture benchmark of issue 3: makes a large capture (default 1,000,000 PUBLISH over 50
# connections, one MQTT packet per TCP segment, about 1.5 M frames) and times, in the same run:
#   mqttsniff -r big.pcap -T json > /dev/null
#   mqttsniff -r big.pcap --stats          (when the build has --stats)
#   tshark -r big.pcap -Y mqtt -T fields -e mqtt.topic > /dev/null   (when tshark is installed)
# Frames/s = frames / elapsed seconds. CPU seconds (user+sys) are printed too: on a shared
# machine they are steadier than elapsed time. The JVM runs with -Xmx256m as the issue asks.
#
# Usage: bench/capture-bench.sh [publishes] [connections]      BIG=/path/big.pcap to choose the file
set -euo pipefail
cd "$(dirname "$0")/.."
PUBLISHES="${1:-1000000}"
CONNECTIONS="${2:-50}"
BIG="${BIG:-bench/target/big.pcap}"

./mvnw -B -q -pl cli,bench -am clean package -DskipTests
java -cp bench/target/benchmarks.jar org.mqttsniff.bench.BigCapture "$BIG" "$PUBLISHES" "$CONNECTIONS"
FRAMES=$(java -cp bench/target/benchmarks.jar org.mqttsniff.bench.CountFrames "$BIG")

run() {
    local name="$1"; shift
    local t0 t1 cpu times
    times=$(mktemp)
    t0=$(date +%s.%N)
    /usr/bin/time -f "%U %S" -o "$times" "$@" > /dev/null 2>/dev/null
    t1=$(date +%s.%N)
    cpu=$(tail -1 "$times")
    rm -f "$times"
    awk -v n="$name" -v f="$FRAMES" -v a="$t0" -v b="$t1" -v c="$cpu" 'BEGIN {
        split(c, u, " "); e = b - a
        printf "%-34s %8.2f s  %12.0f frames/s   cpu %6.2f s  %12.0f frames/cpu-s\n", n, e, f / e, u[1] + u[2], f / (u[1] + u[2])
    }'
}

echo "frames: $FRAMES"
run "mqttsniff -T json" java -Xmx256m -jar cli/target/mqttsniff.jar -r "$BIG" -T json
if java -jar cli/target/mqttsniff.jar --help | grep -q -- '--stats'; then
    run "mqttsniff --stats" java -Xmx256m -jar cli/target/mqttsniff.jar -r "$BIG" --stats
fi
if command -v tshark > /dev/null; then
    run "tshark -Y mqtt -e mqtt.topic" tshark -n -r "$BIG" -Y mqtt -T fields -e mqtt.topic
fi
