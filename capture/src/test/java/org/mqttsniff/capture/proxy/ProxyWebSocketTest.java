package org.mqttsniff.capture.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttsniff.session.SnifferEvent;

/** MQTT over WebSocket on the listening side (the JDK's WebSocket client), relayed to mosquitto over TCP. */
class ProxyWebSocketTest {
    @TempDir
    Path dir;

    @Test
    void websocket_client_reaches_a_tcp_broker_and_is_decoded() throws Exception {
        try (Broker broker = Broker.start(dir); Harness proxy = Harness.to(broker.port).ws().start()) {
            LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("mqtt")
                    .buildAsync(URI.create("ws://127.0.0.1:" + proxy.port + "/mqtt"), new WebSocket.Listener() {
                        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

                        @Override
                        public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                            byte[] b = new byte[data.remaining()];
                            data.get(b);
                            partial.writeBytes(b);
                            if (last) {
                                received.add(partial.toByteArray());
                                partial.reset();
                            }
                            w.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            assertThat(ws.getSubprotocol()).isEqualTo("mqtt");
            ws.sendBinary(ByteBuffer.wrap(RelayTest.hex("10 0e 00 04 4d515454 04 02 003c 0002 7773")), true)
                    .get(5, TimeUnit.SECONDS);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(RelayTest.hex("20 02 00 00"));
            // PUBLISH QoS 1, topic "w", id 7, payload "hi"
            ws.sendBinary(ByteBuffer.wrap(RelayTest.hex("32 07 0001 77 0007 6869")), true).get(5, TimeUnit.SECONDS);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(RelayTest.hex("40 02 00 07"));
            SnifferEvent.Packet ack = (SnifferEvent.Packet) proxy.await("PUBACK",
                    e -> e instanceof SnifferEvent.Packet p && p.result().typeName().equals("PUBACK"));
            assertThat(ack.clientId()).isEqualTo("ws");
            assertThat(ack.responseTo()).isPresent();
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        }
    }
}
