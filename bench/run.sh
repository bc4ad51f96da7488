#!/usr/bin/env bash
# Builds bench/target/benchmarks.jar and runs the decoder benchmarks (JMH), results in ops/s.
#
# Units: for streamDecodeAllAtOnce, streamDecodeTcpSized and packetDecodeOnly one op is ONE
# PACKET, so the primary score is packets/s. explainOne's op is one explain of one packet.
# Every benchmark also reports a secondary ":bytes" score: wire bytes decoded per second.
#   MB/s = (":bytes" score) / 1e6
#        = packets/s * streamBytes / packets / 1e6
# streamBytes and packets are printed by each fork's setup, "[mix 5.0] packets=20000
# streamBytes=... avgBytesPerPacket=...", so MB/s = packets/s * avgBytesPerPacket / 1e6.
# The summary at the end does this for you (from bench/target/jmh-result.csv).
#
# Usage: bench/run.sh [extra JMH args]        e.g. bench/run.sh -p version=5.0 -prof gc
#   BENCH=regex     benchmarks to run (default: DecodeBenchmark)
#   JMH_OPTS=...    replaces the default run settings below (JMH rejects an option given twice,
#                   so change -f/-wi/-w/-i/-r here rather than in the extra args)
#   SKIP_BUILD=1    reuse the existing jar
# Run one benchmark at a time on a shared machine: two JMH runs at once measure each other.
set -euo pipefail

cd "$(dirname "$0")/.."
BENCH="${BENCH:-DecodeBenchmark}"
JMH_OPTS="${JMH_OPTS:--f 1 -wi 6 -w 2s -i 5 -r 2s}"
RESULT=bench/target/jmh-result.csv

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    ./mvnw -B -q -pl bench -am clean package -DskipTests
fi

# shellcheck disable=SC2086 # JMH_OPTS is a list of words on purpose
java -jar bench/target/benchmarks.jar "$BENCH" $JMH_OPTS -tu s -rf csv -rff "$RESULT" "$@"

# packets/s and MB/s side by side (error = JMH's 99.9% confidence half-width; NaN with 1 sample)
awk -F, '
    function unq(s) { gsub(/"/, "", s); return s }
    NR == 1 { next }
    {
        name = unq($1); sub(/.*\./, "", name); ver = unq($8)
        split(name, part, ":"); key = part[1] SUBSEP ver
        if (part[2] == "") { ops[key] = $5; opsErr[key] = $6; order[++n] = key }
        else if (part[2] == "bytes") { mb[key] = $5 / 1e6; mbErr[key] = $6 / 1e6 }
    }
    END {
        printf "\n%-24s %-6s %16s %12s %10s %8s\n", "benchmark", "ver", "ops/s", "+-", "MB/s", "+-"
        for (i = 1; i <= n; i++) {
            k = order[i]; split(k, kk, SUBSEP)
            printf "%-24s %-6s %16.0f %12.0f %10.1f %8.1f\n", kk[1], kk[2], ops[k], opsErr[k], mb[k], mbErr[k]
        }
        print "(ops = packets, except explainOne: one explain of one packet)"
    }' "$RESULT"
