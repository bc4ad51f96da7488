#!/usr/bin/env bash
# What the terminal UI's thread costs while rows pour in (issue 5): TuiRedrawCost feeds a live
# store at RATE events a second and the UI follows them on a real terminal (tmux, 160x45, set up
# as mqttsniff -r does), then prints the UI thread's CPU per second (ThreadMXBean) and the screens
# it drew; once more on Lanterna's virtual terminal (no terminal output at all).
# With OLD_CP=classpath (an older benchmarks.jar, with TuiRedrawCost compiled against it in
# front), each round runs that too, alternating.
# Usage: bench/tui-redraw-bench.sh [rate] [seconds] [rounds]          SKIP_BUILD=1 to reuse the jar
set -euo pipefail
cd "$(dirname "$0")/.."
RATE="${1:-20000}"
SECONDS_EACH="${2:-10}"
ROUNDS="${3:-2}"
if [[ -z "${SKIP_BUILD:-}" ]]; then
    ./mvnw -B -q -pl cli,bench -am package -DskipTests
fi
SOCK="tui-redraw-bench-$$"
OUT=$(mktemp)
trap 'tmux -L "$SOCK" kill-server 2> /dev/null || true; rm -f "$OUT" "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"' EXIT

run() {
    local label="$1" cp="$2" s="r$RANDOM"
    tmux -L "$SOCK" new -d -s "$s" -x 160 -y 45 \
        "exec java -Xmx1g -cp $cp org.mqttsniff.bench.TuiRedrawCost $RATE $SECONDS_EACH tty 2> $OUT"
    for _ in $(seq 1200); do
        tmux -L "$SOCK" has-session -t "$s" 2> /dev/null || break
        sleep 0.1
    done
    echo "  $label, tmux: $(cat "$OUT")"
    echo "  $label, virtual: $(java -Xmx1g -cp "$cp" org.mqttsniff.bench.TuiRedrawCost "$RATE" "$SECONDS_EACH" 160 45)"
}

echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
    echo "round $round"
    run "benchmarks.jar" bench/target/benchmarks.jar
    if [[ -n "${OLD_CP:-}" ]]; then
        run "OLD_CP" "$OLD_CP"
    fi
done
echo "load average now $(cut -d' ' -f1-3 /proc/loadavg)"
