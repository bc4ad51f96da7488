#!/usr/bin/env bash
# The terminal UI on the capture benchmark's file (issue 5), twice each against a tiny sample:
#  1. in tmux at 160x45: seconds from launch until the first row is on screen, until the file is
#     loaded (status bar 100%), and the heap (jcmd GC.heap_info before and after GC.run);
#  2. headless (TuiFirstScreen on Lanterna's virtual terminal): first rows after opening the file.
# Needs bench/target/big.pcap and tmux; the figures in bench/README.md are for the 1,000,000-PUBLISH file
# that `bench/capture-bench.sh 1000000` makes (its default is now 5,000,000). Runs with -Xmx1g.
set -euo pipefail
cd "$(dirname "$0")/.."
BIG="${BIG:-bench/target/big.pcap}"
SMALL=samples/captures/v311-qos012.pcap
./mvnw -B -q -pl cli,bench -am package -DskipTests
SOCK="tui-bench-$$"
trap 'tmux -L "$SOCK" kill-server 2>/dev/null || true; rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"' EXIT

tui() {
    local file="$1" s t0 t1 t2 pid
    s=run$RANDOM
    t0=$(date +%s.%N)
    tmux -L "$SOCK" new -d -s "$s" -x 160 -y 45 "exec java -Xmx1g -jar cli/target/mqttsniff.jar -r $file"
    until tmux -L "$SOCK" capture-pane -p -t "$s" | grep -q CONNECT; do sleep 0.01; done
    t1=$(date +%s.%N)
    until tmux -L "$SOCK" capture-pane -p -t "$s" | grep -q '100%'; do sleep 0.1; done
    t2=$(date +%s.%N)
    echo "$file: first rows $(echo "$t1 - $t0" | bc) s, loaded $(echo "$t2 - $t0" | bc) s"
    pid=$(tmux -L "$SOCK" display-message -p -t "$s" '#{pane_pid}')
    jcmd "$pid" GC.heap_info | grep 'garbage-first heap' | sed 's/^/  before GC:/'
    jcmd "$pid" GC.run > /dev/null
    jcmd "$pid" GC.heap_info | grep 'garbage-first heap' | sed 's/^/  after GC: /'
    tmux -L "$SOCK" send-keys -t "$s" q
    sleep 1
}

uptime
for i in 1 2; do
    tui "$BIG"
    tui "$SMALL"
    /usr/bin/time -f "mqttsniff --version: %e s" java -jar cli/target/mqttsniff.jar --version > /dev/null
done
for i in 1 2; do
    java -Xmx1g -cp bench/target/benchmarks.jar org.mqttsniff.bench.TuiFirstScreen "$BIG"
    java -Xmx1g -cp bench/target/benchmarks.jar org.mqttsniff.bench.TuiFirstScreen "$SMALL"
done
