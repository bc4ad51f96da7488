package org.mqttsniff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.cli.output.EventJson;
import org.mqttsniff.cli.output.RenderOptions;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.MqttEncoder;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.PacketDecoder;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.net.Endpoint;
import org.mqttsniff.session.Direction;
import org.mqttsniff.session.SnifferEvent;

/** The writer thread of -T json: every line in order, and what waits for it bounded in bytes. */
class JsonLinesTest {
    private static final Endpoint CLIENT = new Endpoint(ByteSlice.wrap(new byte[] {127, 0, 0, 1}), 40000);
    private static final Endpoint BROKER = new Endpoint(ByteSlice.wrap(new byte[] {127, 0, 0, 1}), 1883);

    private static SnifferEvent.Packet publish(long frame, int payloadBytes) {
        Publish p = new Publish(0, "big/" + frame, 0, ByteSlice.wrap(new byte[payloadBytes]));
        DecodeResult r = PacketDecoder.decode(ByteSlice.wrap(MqttEncoder.encode(p, MqttVersion.V3_1_1)),
                MqttVersion.V3_1_1);
        return new SnifferEvent.Packet(frame, frame * 1_000_000L, 0, CLIENT, BROKER, Direction.C2S, r, p.topic(),
                OptionalInt.empty(), OptionalLong.empty(), OptionalLong.empty(), "c", List.of());
    }

    @Test
    void while_the_output_is_stuck_large_packets_wait_in_the_pipeline_not_in_the_queue() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.write(b, off, len);
            }
        };
        JsonLines lines = new JsonLines(new EventJson(RenderOptions.DEFAULT), stuck);
        AtomicInteger accepted = new AtomicInteger();
        int total = 2_000; // 64 KiB each: 125 MiB in all
        Thread producer = new Thread(() -> {
            for (int i = 1; i <= total; i++) {
                lines.accept(publish(i, 64 * 1024));
                accepted.incrementAndGet();
            }
        });
        producer.start();
        producer.join(3_000); // it blocks long before the end
        int held = accepted.get();
        // 32 MiB of queue and a 1 MiB batch in hand are some 530 packets of 64 KiB; by count alone
        // (16 batches of 256) it was over 4,000
        assertThat(held).isBetween(100, 700);
        assertThat(producer.isAlive()).isTrue();
        release.countDown();
        producer.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(accepted.get()).isEqualTo(total);
        assertThat(lines.finish()).isTrue();
        String[] out = written.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(out).hasSize(total);
        assertThat(out[0]).contains("\"frame\":1,");
        assertThat(out[total - 1]).contains("\"frame\":" + total + ",");
    }
}
