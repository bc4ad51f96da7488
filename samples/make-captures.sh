#!/usr/bin/env bash
# Records the sample captures in samples/captures/ with real programs: the Mosquitto broker,
# mosquitto_pub / mosquitto_sub and tcpdump, all on the loopback interface of a network
# namespace made for the purpose, so no other traffic gets in and nothing leaves the machine.
#
# Needs root (for the namespace) and: mosquitto mosquitto-clients tcpdump iproute2
#   apt-get install -y mosquitto mosquitto-clients tcpdump iproute2
# Usage: sudo samples/make-captures.sh [scenario...]     (default: all)
# Each scenario writes samples/captures/<scenario>.pcap. Ports are ephemeral, times are real:
# the files differ from run to run, so they are made once and checked in with their decodes.
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")"
OUT="$PWD/captures"
mkdir -p "$OUT"
for tool in mosquitto mosquitto_pub mosquitto_sub tcpdump ip; do
    command -v "$tool" >/dev/null || { echo "make-captures: $tool is missing (apt-get install -y mosquitto mosquitto-clients tcpdump iproute2)" >&2; exit 2; }
done
[[ $(id -u) == 0 ]] || { echo "make-captures: run as root (it creates a network namespace)" >&2; exit 2; }

NS="mqttsniff-samples-$$"
WORK=$(mktemp -d)
chmod 755 "$WORK" # the broker and tcpdump drop to their own users
BROKER_PID=""
DUMP_PID=""

cleanup() {
    [[ -n "$BROKER_PID" ]] && kill "$BROKER_PID" 2>/dev/null || true
    [[ -n "$DUMP_PID" ]] && kill "$DUMP_PID" 2>/dev/null || true
    ip netns pids "$NS" 2>/dev/null | xargs -r kill 2>/dev/null || true
    ip netns del "$NS" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

ip netns add "$NS"
ip netns exec "$NS" ip link set lo up
# 'ip netns exec' execs the program, so $! of a job started with it is the program itself
in_ns() { ip netns exec "$NS" "$@"; }

# broker CONFIG: starts Mosquitto in the namespace with that configuration and waits for its port
start_broker() {
    printf '%s\n' "$@" > "$WORK/mosquitto.conf"
    ip netns exec "$NS" mosquitto -c "$WORK/mosquitto.conf" >"$WORK/broker.log" 2>&1 &
    BROKER_PID=$!
    for _ in $(seq 50); do
        in_ns bash -c 'exec 3<>/dev/tcp/127.0.0.1/1883' 2>/dev/null && return 0
        sleep 0.1
    done
    echo "make-captures: the broker did not start:" >&2
    cat "$WORK/broker.log" >&2
    exit 1
}

stop_broker() {
    kill "$BROKER_PID"
    wait "$BROKER_PID" 2>/dev/null || true
    BROKER_PID=""
}

start_capture() {
    # --immediate-mode: without it packets wait in libpcap's ring buffer for a block timeout,
    # and those still waiting when tcpdump is stopped are never written
    ip netns exec "$NS" tcpdump -i lo --immediate-mode -U -s 262144 -w "$OUT/$1.pcap" 'tcp port 1883' \
        2>"$WORK/tcpdump.log" &
    DUMP_PID=$!
    for _ in $(seq 50); do
        grep -q "listening on" "$WORK/tcpdump.log" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "make-captures: tcpdump did not start:" >&2
    cat "$WORK/tcpdump.log" >&2
    exit 1
}

stop_capture() {
    sleep 0.3 # let the last FIN/ACKs through
    kill -INT "$DUMP_PID"
    wait "$DUMP_PID" 2>/dev/null || true
    DUMP_PID=""
    echo "  $1.pcap: $(grep -o '[0-9]* packets captured' "$WORK/tcpdump.log")"
}

OPEN='listener 1883 127.0.0.1
allow_anonymous true
persistence false'

PUB="ip netns exec $NS mosquitto_pub -h 127.0.0.1 -p 1883"
SUB="ip netns exec $NS mosquitto_sub -h 127.0.0.1 -p 1883"

# QoS 0, 1 and 2 in MQTT 3.1.1: a subscriber receives three messages, one per QoS
scenario_v311_qos012() {
    start_broker "$OPEN"
    start_capture v311-qos012
    $SUB -V mqttv311 -i learner-sub -q 2 -t 'demo/qos/#' -C 3 -v >/dev/null &
    local sub=$!
    sleep 0.3
    for q in 0 1 2; do
        $PUB -V mqttv311 -i learner-pub-q$q -q $q -t "demo/qos/$q" -m "hello at QoS $q"
    done
    wait $sub
    stop_capture v311-qos012
    stop_broker
}

# The same flows in MQTT 5.0, with properties: user properties, content type, message expiry,
# response topic and correlation data, a topic alias, a subscription identifier
scenario_v5_properties() {
    start_broker "$OPEN"
    start_capture v5-properties
    $SUB -V mqttv5 -i learner-sub5 -q 2 -t 'demo/v5/#' -C 3 -v \
        -D connect session-expiry-interval 60 -D subscribe subscription-identifier 42 >/dev/null &
    local sub=$!
    sleep 0.3
    $PUB -V mqttv5 -i learner-pub5 -q 1 -t demo/v5/temperature -m '{"celsius":21.5}' \
        -D publish content-type application/json -D publish payload-format-indicator 1 \
        -D publish user-property unit celsius -D publish user-property sensor s-17 \
        -D publish message-expiry-interval 300
    $PUB -V mqttv5 -i learner-req5 -q 2 -t demo/v5/request -m 'what time is it?' \
        -D publish response-topic demo/v5/response -D publish correlation-data 7f01
    $PUB -V mqttv5 -i learner-alias5 -q 0 -t demo/v5/aliased -m 'sent with a topic alias' \
        -D publish topic-alias 1
    wait $sub
    stop_capture v5-properties
    stop_broker
}

# A retained message: published first, delivered to a subscriber that arrives later
scenario_retained() {
    start_broker "$OPEN"
    start_capture retained
    $PUB -V mqttv311 -i learner-retain -q 1 -r -t demo/status -m online
    $SUB -V mqttv311 -i learner-late -q 1 -t demo/status -C 1 -v >/dev/null
    stop_capture retained
    stop_broker
}

# A will: a client leaves a will and vanishes without DISCONNECT; the broker publishes the will
scenario_will() {
    start_broker "$OPEN"
    start_capture will
    $SUB -V mqttv311 -i learner-watcher -q 1 -t demo/will/# -C 1 -v >/dev/null &
    local watcher=$!
    sleep 0.3
    $SUB -V mqttv311 -i learner-doomed -k 5 -t demo/nothing \
        --will-topic demo/will/doomed --will-payload 'doomed went away' --will-qos 1 >/dev/null &
    local doomed=$!
    sleep 0.5
    kill -9 $doomed # no DISCONNECT: the broker must send the will
    wait $watcher
    stop_capture will
    stop_broker
}

# A persistent session: a subscriber with clean session off goes away, a QoS 1 message is
# queued for it, and it gets the message when it comes back (CONNACK session present = 1)
scenario_persistent_session() {
    start_broker "$OPEN"
    start_capture persistent-session
    $SUB -V mqttv311 -i learner-persistent -c -q 1 -t demo/queue -C 1 -W 1 >/dev/null 2>&1 || true
    $PUB -V mqttv311 -i learner-sender -q 1 -t demo/queue -m 'queued while you were away'
    $SUB -V mqttv311 -i learner-persistent -c -q 1 -t demo/queue -C 1 -v >/dev/null
    stop_capture persistent-session
    stop_broker
}

# Failed logins: a broker that wants a password refuses a wrong one, in 3.1.1 and in 5.0
scenario_failed_login() {
    printf 'learner:%s\n' "right-password" > "$WORK/passwd"
    chown mosquitto: "$WORK/passwd" 2>/dev/null || true
    chmod 600 "$WORK/passwd"
    mosquitto_passwd -U "$WORK/passwd" 2>/dev/null
    start_broker 'listener 1883 127.0.0.1' 'allow_anonymous false' "password_file $WORK/passwd" 'persistence false'
    start_capture failed-login
    $PUB -V mqttv311 -i learner-wrong -u learner -P wrong-password -t demo/x -m x 2>/dev/null || true
    $PUB -V mqttv5 -i learner-wrong5 -u learner -P wrong-password -t demo/x -m x 2>/dev/null || true
    $PUB -V mqttv311 -i learner-right -u learner -P right-password -q 1 -t demo/x -m 'logged in'
    stop_capture failed-login
    stop_broker
}

# A large payload: 300 KB in one PUBLISH, spread over many TCP segments
scenario_large_payload() {
    start_broker "$OPEN"
    start_capture large-payload
    head -c 300000 /dev/zero | tr '\0' 'x' > "$WORK/large.txt"
    $SUB -V mqttv311 -i learner-big-sub -t demo/large -C 1 >/dev/null &
    local sub=$!
    sleep 0.3
    $PUB -V mqttv311 -i learner-big-pub -q 1 -t demo/large -f "$WORK/large.txt"
    wait $sub
    stop_capture large-payload
    stop_broker
}

ALL=(v311_qos012 v5_properties retained will persistent_session failed_login large_payload)
for s in "${@:-${ALL[@]}}"; do
    echo "scenario ${s//_/-}"
    "scenario_${s//-/_}"
done
