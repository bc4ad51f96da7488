package org.mqttsniff.stats;

import java.util.List;

import org.mqttsniff.net.Endpoint;

/**
 * What {@link CaptureStats} knows at one moment, as plain values: a report prints it, a UI can
 * take it to its own thread. Lists are sorted biggest first (by packets, messages or count), ties
 * by name. Times are nanoseconds, sizes bytes.
 *
 * @param durationNanos from the first event to the last; the time base of every rate
 */
public record StatsSnapshot(
        long durationNanos,
        long packets,
        long bytes,
        List<TypeRow> types,
        List<ConnectionRow> connections,
        long connectionsNotShown,
        List<ClientRow> clients,
        Omitted clientsNotShown,
        List<TopicRow> topics,
        Omitted topicsNotShown,
        List<LatencyRow> latencies,
        Flows flows,
        long malformed,
        List<Count> malformedByReason,
        long warnings,
        List<Count> warningsByKind,
        long gaps,
        long gapBytes,
        long desyncs,
        long desyncBytes,
        long notMqtt) {

    /** Decoded packets of one type; malformed packets are counted apart, by reason. */
    public record TypeRow(String type, long packets, long bytes) {
    }

    /**
     * One TCP connection carrying MQTT.
     *
     * @param clientId      from its CONNECT; empty if none was seen (or the client sent an empty one)
     * @param version       "3.1", "3.1.1" or "5.0", as of its last decoded packet; empty before any
     * @param packets       MQTT packets both ways, malformed ones included
     * @param durationNanos from its first event (open) to its last (usually close)
     * @param closeReason   empty while it is open
     */
    public record ConnectionRow(int stream, Endpoint client, Endpoint server, String clientId, String version,
                                long packets, long bytes, long durationNanos, String closeReason) {
    }

    /** Packets both ways of all connections with this client id (empty: no CONNECT seen, or an empty id). */
    public record ClientRow(String clientId, long connections, long packets, long bytes) {
    }

    /**
     * PUBLISH packets of one topic, both ways: a message published once and delivered to two
     * subscribers counts 3.
     *
     * @param topic         with any Topic Alias resolved; empty if an alias could not be resolved
     * @param payloadBytes  payload only, without the MQTT headers
     * @param ratePerSecond messages over the capture's whole duration (not the topic's own active
     *                      span, so rates add up and a topic seen once still has one); NaN when the
     *                      capture lasts no time
     */
    public record TopicRow(String topic, long messages, long toBroker, long fromBroker, long payloadBytes,
                           double ratePerSecond) {
    }

    /**
     * Times from requests to their responses, in nanoseconds, from {@link LatencyHistogram}:
     * min and max exact, median and p99 within {@link LatencyHistogram#RELATIVE_ERROR}.
     */
    public record LatencyRow(String request, String response, long count, long min, long median, long p99,
                             long max) {
    }

    /**
     * QoS 1 and 2 PUBLISH flows, each direction on its own (publisher to broker, broker to
     * subscriber): completed when the PUBACK (QoS 1) or PUBCOMP (QoS 2) came, incomplete when the
     * connection ended without it. Flows of connections still open are in neither.
     */
    public record Flows(long completedQos1, long completedQos2, long incomplete) {
        public long completed() {
            return completedQos1 + completedQos2;
        }
    }

    public record Count(String key, long count) {
    }

    /** Distinct names past the tracking limit: an estimate, and whether it is only a lower bound. */
    public record Omitted(long about, boolean atLeast, long packets) {
        public static final Omitted NONE = new Omitted(0, false, 0);
    }
}
