package org.mqttsniff.session;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.net.Endpoint;

/**
 * What the pipeline tells its sinks (text, JSON, stats, the UI). Every event knows the frame it
 * happened in (the frame that carried its last byte), the capture time and the connection
 * ({@code stream}, numbered like Wireshark's {@code tcp.stream}).
 */
public sealed interface SnifferEvent {
    long frame();

    long timeNanos();

    int stream();

    /** A connection carrying MQTT was seen for the first time. */
    record Open(long frame, long timeNanos, int stream, Endpoint client, Endpoint server, String roleBasis)
            implements SnifferEvent {
    }

    /**
     * The connection ended (or the capture did).
     *
     * @param openFlows QoS 1 and 2 PUBLISH flows, both directions, that never got their final
     *                  acknowledgement (PUBACK, or PUBCOMP): left incomplete
     */
    record Close(long frame, long timeNanos, int stream, Endpoint client, Endpoint server, String reason,
                 int openFlows) implements SnifferEvent {
        public Close(long frame, long timeNanos, int stream, Endpoint client, Endpoint server, String reason) {
            this(frame, timeNanos, stream, client, server, reason, 0);
        }
    }

    /** Bytes of one direction that were never captured (or dropped by a memory limit). */
    record Gap(long frame, long timeNanos, int stream, Endpoint src, Endpoint dst, Direction dir, long lostBytes)
            implements SnifferEvent {
    }

    /** Bytes discarded to find a packet boundary again. */
    record Desync(long frame, long timeNanos, int stream, Endpoint src, Endpoint dst, Direction dir, long skipped,
                  String detail) implements SnifferEvent {
    }

    /** A connection on an MQTT port that carries something else (HTTP, TLS...); it is not decoded. */
    record NotMqtt(long frame, long timeNanos, int stream, Endpoint src, Endpoint dst, Direction dir, String detail)
            implements SnifferEvent {
    }

    /** A protocol problem that needs state to see, not tied to one packet (e.g. keep-alive exceeded at the end). */
    record Warning(long frame, long timeNanos, int stream, Endpoint src, Endpoint dst, String message)
            implements SnifferEvent {
    }

    /**
     * One MQTT packet, decoded or malformed.
     *
     * @param topic       for PUBLISH: the topic with any Topic Alias resolved (empty if unresolved)
     * @param topicAlias  for PUBLISH: the alias used, if any
     * @param responseTo  for a response: the frame of the request it answers
     * @param latencyNanos for a response: time since that request
     * @param clientId    the connection's client id, once its CONNECT was seen
     * @param warnings    protocol problems this packet shows in its context
     */
    record Packet(long frame, long timeNanos, int stream, Endpoint src, Endpoint dst, Direction dir,
                  DecodeResult result, String topic, OptionalInt topicAlias, OptionalLong responseTo,
                  OptionalLong latencyNanos, String clientId, List<String> warnings) implements SnifferEvent {
        public Packet {
            warnings = List.copyOf(warnings);
        }
    }
}
