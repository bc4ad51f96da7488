package org.mqttsniff.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

import org.mqttsniff.bytes.ByteSlice;

/** Feeds byte fixtures through the decoders the way a capture would. */
final class FixtureSupport {
    private FixtureSupport() {
    }

    static ByteSlice hex(String h) {
        return ByteSlice.fromHex(h);
    }

    /**
     * Feeds {@code fixture + trailing} to a {@link StreamDecoder} and checks that exactly one
     * packet came out, that it took exactly the fixture's bytes, and that the trailing bytes (an
     * incomplete next packet, or junk) are still held. The one-shot {@link PacketDecoder} must
     * agree with the stream decoder.
     */
    static DecodeResult.Decoded decodeOne(MqttVersion version, String fixture, String trailing) {
        byte[] f = hex(fixture).toArray();
        byte[] t = hex(trailing).toArray();
        assertThat(t).as("trailing bytes prove the decoder stops at the packet's end").isNotEmpty();
        byte[] all = new byte[f.length + t.length];
        System.arraycopy(f, 0, all, 0, f.length);
        System.arraycopy(t, 0, all, f.length, t.length);

        List<DecodeResult> results = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        List<String> desyncs = new ArrayList<>();
        StreamDecoder d = new StreamDecoder(new VersionState(version), new StreamDecoder.Listener() {
            @Override
            public void packet(long offset, DecodeResult r) {
                offsets.add(offset);
                results.add(r);
            }

            @Override
            public void desync(long offset, long skipped, String why) {
                desyncs.add(offset + "+" + skipped + ": " + why);
            }
        });
        d.feed(all);

        assertThat(desyncs).isEmpty();
        assertThat(results).hasSize(1);
        assertThat(offsets).containsExactly(0L);
        DecodeResult r = results.get(0);
        if (r instanceof DecodeResult.Malformed m) {
            fail("expected a decoded packet, got " + m.reason() + " at " + m.offset() + ": " + m.detail());
        }
        assertThat(r.length()).isEqualTo(f.length);
        assertThat(r.raw()).isEqualTo(ByteSlice.wrap(f));
        assertThat(d.buffered()).isEqualTo(t.length);
        assertThat(d.isDesynchronised()).isFalse();
        assertThat(PacketDecoder.decode(ByteSlice.wrap(f), version)).isEqualTo(r);
        return (DecodeResult.Decoded) r;
    }

    /** The packet of {@link #decodeOne}, checked to be of {@code type}. */
    static <T extends MqttPacket> T decodeOne(MqttVersion version, String fixture, String trailing, Class<T> type) {
        DecodeResult.Decoded d = decodeOne(version, fixture, trailing);
        assertThat(d.packet()).isInstanceOf(type);
        return type.cast(d.packet());
    }
}
