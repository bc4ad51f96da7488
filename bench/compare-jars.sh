#!/usr/bin/env bash
# Two mqttsniff jars side by side on one capture: each mode run ROUNDS times per jar, the jars
# alternated so that a change in the machine's load hits both. One line per run:
#   jar | mode | elapsed s | user s | sys s | max RSS KB | load average (1 min) after the run
#
# Usage: bench/compare-jars.sh OLD.jar NEW.jar CAPTURE [ROUNDS]
# e.g.   bench/compare-jars.sh /tmp/old/mqttsniff.jar cli/target/mqttsniff.jar bench/target/big.pcap 3
set -euo pipefail
OLD="$1"; NEW="$2"; FILE="$3"; ROUNDS="${4:-3}"
times=$(mktemp)
trap 'rm -f "$times"' EXIT
for mode in "--stats" "-T json"; do
    for _ in $(seq "$ROUNDS"); do
        for jar in "$OLD" "$NEW"; do
            # shellcheck disable=SC2086 # the mode is two words on purpose
            /usr/bin/time -f "%e | %U | %S | %M" -o "$times" java -Xmx256m -jar "$jar" -r "$FILE" $mode > /dev/null 2> /dev/null
            echo "$jar | $mode | $(cat "$times") | $(cut -d' ' -f1 /proc/loadavg)"
        done
    done
done
