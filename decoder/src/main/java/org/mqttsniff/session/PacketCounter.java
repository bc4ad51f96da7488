package org.mqttsniff.session;

import java.util.List;
import java.util.function.Consumer;

import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.PacketType;
import org.mqttsniff.net.Endpoint;

/**
 * A sink that only counts, such as {@code --stats}: the pipeline tells it each packet field by
 * field instead of building a {@link SnifferEvent.Packet} (and its Optionals) that would be
 * dropped at once. Every other event still comes through {@link #accept}; a packet comes through
 * exactly one of the two. The arguments are those of {@link SnifferEvent.Packet}, with the
 * latency as a flag and a value; {@code warnings} is valid only during the call, and so are
 * {@code result} and the bytes it views: a counter keeps nothing of them (the decoders reuse one
 * array for every packet they hand to it).
 */
public interface PacketCounter extends Consumer<SnifferEvent> {
    void packet(long frame, long timeNanos, int stream, Endpoint src, Endpoint dst, Direction dir, DecodeResult result,
                String topic, boolean answered, long latencyNanos, String clientId, List<String> warnings);

    /**
     * A well-formed packet that was counted without being decoded into objects (the commonest
     * PUBLISH and acknowledgements, see {@link org.mqttsniff.mqtt.StreamDecoder.Counting}): what
     * {@link #packet} would have been told of the {@link DecodeResult.Decoded} packet, field by
     * field. {@code payloadLength} is a PUBLISH's payload length, 0 for other types.
     */
    void counted(long frame, long timeNanos, int stream, Endpoint src, Endpoint dst, Direction dir, PacketType type,
                 MqttVersion version, int length, int payloadLength, String topic, boolean answered,
                 long latencyNanos, String clientId, List<String> warnings);
}
