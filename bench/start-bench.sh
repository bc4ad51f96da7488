#!/usr/bin/env bash
# The fixed cost of a run: two mqttsniff jars side by side on --version, --stats of a small sample
# and --stats of a big capture, the jars alternated ROUNDS times so that a change in the machine's
# load hits both. Prints every run (elapsed s, user s, sys s), then the medians, then the load.
# Also the time from Main's class load to the capture reader's, and from the stats report's class
# load to exit (-Xlog:class+load), i.e. what comes before the first frame and after the last one.
#
# Usage: bench/start-bench.sh OLD.jar NEW.jar BIG.pcap [ROUNDS]
# e.g.   bench/start-bench.sh /tmp/old.jar cli/target/mqttsniff.jar /tmp/big.pcap 7
set -euo pipefail
OLD="$1"; NEW="$2"; BIG="$3"; ROUNDS="${4:-5}"
SMALL="$(dirname "$0")/../samples/captures/v5-properties.pcap"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms() { grep -m1 "$1" "$work/cl.txt" | sed -E 's/^\[([0-9.]+)s\].*/\1/'; }
uptime
for mode in "--version" "-r $SMALL --stats" "-r $BIG --stats"; do
    for _ in $(seq "$ROUNDS"); do
        for jar in "$OLD" "$NEW"; do
            # shellcheck disable=SC2086 # the mode is several words on purpose
            /usr/bin/time -f "%e %U %S" -o "$work/t" java -Xmx256m -jar "$jar" $mode > /dev/null 2> /dev/null
            echo "$jar | $mode | $(cat "$work/t")" | tee -a "$work/runs"
        done
    done
done
for _ in $(seq "$ROUNDS"); do
    for jar in "$OLD" "$NEW"; do
        java -Xmx256m -Xlog:class+load:file="$work/cl.txt":uptime -jar "$jar" -r "$BIG" --stats > /dev/null
        main=$(ms 'org.mqttsniff.cli.Main '); files=$(ms 'org.mqttsniff.capture.file.CaptureFiles ')
        stats=$(ms 'org.mqttsniff.cli.output.StatsText '); end=$(ms 'java.lang.Shutdown ')
        echo "$jar | before-first-frame $(echo "($files - $main) * 1000 / 1" | bc) ms | report-and-exit $(echo "($end - $stats) * 1000 / 1" | bc) ms" | tee -a "$work/windows"
    done
done
echo "medians (elapsed s / CPU s user+sys):"
for mode in "--version" "-r $SMALL --stats" "-r $BIG --stats"; do
    for jar in "$OLD" "$NEW"; do
        e=$(grep -F "$jar | $mode |" "$work/runs" | awk -F'|' '{split($3,a," "); print a[1]}' | median)
        c=$(grep -F "$jar | $mode |" "$work/runs" | awk -F'|' '{split($3,a," "); print a[2]+a[3]}' | median)
        echo "  $mode | $jar | $e s | $c s"
    done
done
for jar in "$OLD" "$NEW"; do
    b=$(grep -F "$jar |" "$work/windows" | awk '{print $(NF-5)}' | median)
    a=$(grep -F "$jar |" "$work/windows" | awk '{print $(NF-1)}' | median)
    echo "  $jar | Main -> CaptureFiles $b ms | StatsText -> exit $a ms"
done
uptime
