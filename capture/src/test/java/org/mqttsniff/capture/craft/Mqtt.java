package org.mqttsniff.capture.craft;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.ConnAck;
import org.mqttsniff.mqtt.Connect;
import org.mqttsniff.mqtt.Disconnect;
import org.mqttsniff.mqtt.MqttEncoder;
import org.mqttsniff.mqtt.MqttPacket;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.PingReq;
import org.mqttsniff.mqtt.PingResp;
import org.mqttsniff.mqtt.Properties;
import org.mqttsniff.mqtt.PubAck;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.mqtt.SubAck;
import org.mqttsniff.mqtt.Subscribe;
import org.mqttsniff.mqtt.Subscription;

/** MQTT packets on the wire, encoded by the project's own {@link MqttEncoder}, for one version. */
final class Mqtt {
    static final Mqtt V311 = new Mqtt(MqttVersion.V3_1_1);
    static final Mqtt V5 = new Mqtt(MqttVersion.V5);

    final MqttVersion version;

    private Mqtt(MqttVersion version) {
        this.version = version;
    }

    byte[] encode(MqttPacket p) {
        return MqttEncoder.encode(p, version);
    }

    byte[] connect(String clientId) {
        return encode(new Connect(version, true, 60, clientId));
    }

    byte[] connect(String clientId, Properties props) {
        return encode(new Connect(version, true, 60, props, clientId, Optional.empty(), Optional.empty(),
                Optional.empty()));
    }

    byte[] connack() {
        return encode(new ConnAck(false, 0));
    }

    byte[] subscribe(int id, String filter, int qos) {
        return encode(new Subscribe(id, List.of(new Subscription(filter, qos))));
    }

    byte[] suback(int id, int granted) {
        return encode(new SubAck(id, List.of(granted)));
    }

    byte[] publish(int qos, String topic, int id, String payload) {
        return publish(qos, topic, id, payload.getBytes(StandardCharsets.UTF_8));
    }

    byte[] publish(int qos, String topic, int id, byte[] payload) {
        return encode(new Publish(qos, topic, qos == 0 ? 0 : id, ByteSlice.wrap(payload)));
    }

    byte[] puback(int id) {
        return encode(new PubAck(id));
    }

    byte[] pingreq() {
        return encode(new PingReq());
    }

    byte[] pingresp() {
        return encode(new PingResp());
    }

    byte[] disconnect() {
        return encode(new Disconnect());
    }

    /** A readable payload of exactly {@code size} ASCII bytes, its position written every 16 bytes. */
    static String text(String tag, int size) {
        StringBuilder sb = new StringBuilder(size + 16);
        while (sb.length() < size) {
            sb.append(String.format("%s@%07d;", tag, sb.length()));
        }
        return sb.substring(0, size);
    }
}
