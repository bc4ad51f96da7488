package org.mqttsniff.bench;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.ConnAck;
import org.mqttsniff.mqtt.Connect;
import org.mqttsniff.mqtt.MqttEncoder;
import org.mqttsniff.mqtt.MqttPacket;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.PingReq;
import org.mqttsniff.mqtt.PingResp;
import org.mqttsniff.mqtt.Properties;
import org.mqttsniff.mqtt.Property;
import org.mqttsniff.mqtt.PropertyId;
import org.mqttsniff.mqtt.PubAck;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.mqtt.SubAck;
import org.mqttsniff.mqtt.Subscribe;
import org.mqttsniff.mqtt.Subscription;

/**
 * A seeded, realistic sensor-network packet mix, encoded with {@link MqttEncoder}.
 *
 * <p>By packet count (approximately): ~63% small PUBLISH (10-100 byte JSON-ish payloads,
 * half QoS 0, half QoS 1), ~32% PUBACK (one per QoS 1 PUBLISH), ~2.6% PINGREQ/PINGRESP,
 * ~1.3% SUBSCRIBE/SUBACK and ~1% PUBLISH with a 64 KiB binary payload. The stream opens with
 * CONNECT and CONNACK. 5.0 PUBLISHes carry Message Expiry Interval (80%), a User Property
 * (50%), Payload Format Indicator on JSON (30%), and a quarter use a Topic Alias (full topic the
 * first time an alias is used, empty topic afterwards).
 *
 * <p>Both directions are interleaved in one stream: the decoders do not care about direction,
 * and one stream keeps the benchmark simple.
 */
final class MqttMix {
    static final int LARGE_PAYLOAD = 64 * 1024;
    private static final String[] METRICS = {"temperature", "humidity", "pressure", "battery", "co2"};
    private static final String[] UNITS = {"C", "%", "hPa", "V", "ppm"};

    /** The packets in wire form, in stream order. */
    final List<byte[]> packets = new ArrayList<>();
    /** Concatenation of {@link #packets}. */
    final byte[] stream;
    /** Start offset of each packet in {@link #stream}. */
    final int[] offsets;
    final int[] lengths;
    /** Bytes in large (64 KiB payload) PUBLISHes, to show how the byte count splits. */
    long largeBytes;
    int largeCount;

    private final Random rnd;
    private final MqttVersion version;
    private final Map<String, Integer> aliases = new HashMap<>();
    private int nextPacketId = 1;

    MqttMix(MqttVersion version, int count, long seed) {
        this.version = version;
        this.rnd = new Random(seed);
        add(new Connect(version, true, 60, "sensor-gateway-042"));
        add(new ConnAck(false, 0));
        while (packets.size() < count) {
            int roll = rnd.nextInt(1000);
            if (roll < 15) {
                largePublish();
            } else if (roll < 35) {
                add(new PingReq());
                add(new PingResp());
            } else if (roll < 45) {
                subscribe();
            } else {
                smallPublish();
            }
        }
        while (packets.size() > count) {
            packets.remove(packets.size() - 1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        offsets = new int[count];
        lengths = new int[count];
        for (int i = 0; i < count; i++) {
            byte[] p = packets.get(i);
            offsets[i] = out.size();
            lengths[i] = p.length;
            out.writeBytes(p);
            if (p.length > LARGE_PAYLOAD) {
                largeBytes += p.length;
                largeCount++;
            }
        }
        stream = out.toByteArray();
    }

    /** The stream as exact-length slices, one per packet (framing already done). */
    ByteSlice[] slices() {
        ByteSlice[] s = new ByteSlice[offsets.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = ByteSlice.wrap(stream, offsets[i], lengths[i]);
        }
        return s;
    }

    private void add(MqttPacket p) {
        packets.add(MqttEncoder.encode(p, version));
    }

    private int packetId() {
        int id = nextPacketId;
        nextPacketId = nextPacketId == 65535 ? 1 : nextPacketId + 1;
        return id;
    }

    private void smallPublish() {
        int metric = rnd.nextInt(METRICS.length);
        int site = rnd.nextInt(10);
        int sensor = rnd.nextInt(100);
        String topic = "site/" + site + "/sensor/" + sensor + "/" + METRICS[metric];
        byte[] payload = json(metric, 10 + rnd.nextInt(91));
        int qos = rnd.nextBoolean() ? 1 : 0;
        int id = qos == 1 ? packetId() : 0;
        Properties props = Properties.EMPTY;
        String wireTopic = topic;
        if (version.isV5()) {
            List<Property> list = new ArrayList<>();
            if (rnd.nextInt(10) < 3) {
                list.add(Property.of(PropertyId.PAYLOAD_FORMAT_INDICATOR, 1));
            }
            if (rnd.nextInt(10) < 8) {
                list.add(Property.of(PropertyId.MESSAGE_EXPIRY_INTERVAL, 300L + rnd.nextInt(3300)));
            }
            if (rnd.nextInt(4) == 0) {
                // a hot set of 50 topics is aliased; only the first use carries the topic name
                topic = "site/0/sensor/" + (sensor % 10) + "/" + METRICS[metric];
                Integer alias = aliases.get(topic);
                if (alias == null) {
                    alias = aliases.size() + 1;
                    aliases.put(topic, alias);
                    wireTopic = topic;
                } else {
                    wireTopic = "";
                }
                list.add(Property.of(PropertyId.TOPIC_ALIAS, alias));
            }
            if (rnd.nextBoolean()) {
                list.add(Property.user("trace-id", Long.toHexString(rnd.nextLong())));
            }
            props = new Properties(list);
        }
        add(new Publish(false, qos, false, wireTopic, id, props, ByteSlice.wrap(payload)));
        if (qos == 1) {
            puback(id);
        }
    }

    private void largePublish() {
        byte[] payload = new byte[LARGE_PAYLOAD];
        rnd.nextBytes(payload);
        int qos = rnd.nextBoolean() ? 1 : 0;
        int id = qos == 1 ? packetId() : 0;
        Properties props = version.isV5()
                ? Properties.of(Property.of(PropertyId.MESSAGE_EXPIRY_INTERVAL, 3600L),
                Property.of(PropertyId.CONTENT_TYPE, "image/jpeg"))
                : Properties.EMPTY;
        add(new Publish(false, qos, false, "site/" + rnd.nextInt(10) + "/camera/" + rnd.nextInt(4) + "/snapshot", id,
                props, ByteSlice.wrap(payload)));
        if (qos == 1) {
            puback(id);
        }
    }

    private void puback(int id) {
        // in 5.0 a few acks say "no matching subscribers" (0x10), which needs the long form
        int reason = version.isV5() && rnd.nextInt(20) == 0 ? 0x10 : 0;
        add(new PubAck(id, reason, Properties.EMPTY));
    }

    private void subscribe() {
        int n = 1 + rnd.nextInt(3);
        List<Subscription> subs = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int qos = rnd.nextInt(2);
            String filter = switch (rnd.nextInt(3)) {
                case 0 -> "site/" + rnd.nextInt(10) + "/sensor/+/" + METRICS[rnd.nextInt(METRICS.length)];
                case 1 -> "site/" + rnd.nextInt(10) + "/#";
                default -> "site/+/sensor/" + rnd.nextInt(100) + "/+";
            };
            subs.add(new Subscription(filter, qos));
            codes.add(qos);
        }
        int id = packetId();
        add(new Subscribe(id, subs));
        add(new SubAck(id, codes));
    }

    /** JSON-ish reading of about {@code target} bytes (at least 10). */
    private byte[] json(int metric, int target) {
        String value = String.format(java.util.Locale.ROOT, "%.2f", rnd.nextDouble() * 100);
        StringBuilder sb = new StringBuilder("{\"v\":").append(value);
        String[] extra = {
            ",\"u\":\"" + UNITS[metric] + "\"",
            ",\"ts\":" + (1_700_000_000_000L + rnd.nextInt(1_000_000_000)),
            ",\"seq\":" + rnd.nextInt(100000),
            ",\"ok\":true",
            ",\"fw\":\"2.4." + rnd.nextInt(20) + "\"",
            ",\"rssi\":-" + (40 + rnd.nextInt(60)),
            ",\"min\":" + value + ",\"max\":" + value,
        };
        for (int i = 0; i < extra.length && sb.length() + extra[i].length() + 1 <= target; i++) {
            sb.append(extra[i]);
        }
        while (sb.length() + 1 < target) {
            sb.append(' ');
        }
        return sb.append('}').toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
