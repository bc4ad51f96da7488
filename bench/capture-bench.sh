#!/usr/bin/env bash
# The capture benchmark of issue 3: makes a large capture (default 5,000,000 PUBLISH over 50
# connections, one MQTT packet per TCP segment, about 7.5 M frames, 818 MB) and times, in the same run:
#   mqttsniff -r big.pcap -T json > /dev/null
#   mqttsniff -r big.pcap --stats          (when the build has --stats)
#   tshark -r big.pcap -Y mqtt -T fields -e mqtt.topic > /dev/null   (when tshark is installed)
# Frames/s = frames / elapsed seconds. CPU seconds (user+sys) are printed too: on a shared
# machine they are steadier than elapsed time. The JVM runs with -Xmx256m as the issue asks.
#
# Why 5,000,000 and not the issue's minimum of 1,000,000: a run of mqttsniff has about 0.6 s that
# do not depend on the file (JVM start 0.1 s, the command line 0.17 s, and the JIT: the hot path
# runs interpreted, then as C1 code, until C2 has compiled it, about 0.45 s of CPU on this 2-core
# machine). On 1.5 M frames that is most of the run; on 7.5 M the rate is the decoding's.
# Pass 1000000 to see the smaller file (bench/README.md has both). tshark takes about 8 minutes here.
#
# Usage: bench/capture-bench.sh [publishes] [connections]      BIG=/path/big.pcap to choose the file
set -euo pipefail
cd "$(dirname "$0")/.."
PUBLISHES="${1:-5000000}"
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
