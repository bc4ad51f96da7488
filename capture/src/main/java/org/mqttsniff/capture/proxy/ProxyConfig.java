package org.mqttsniff.capture.proxy;

import java.net.InetSocketAddress;
import java.time.Duration;

import io.netty.handler.ssl.SslContext;

/**
 * What {@code mqttsniff proxy} was told.
 *
 * @param listen         where clients connect (loopback unless told otherwise)
 * @param upstreamHost   the broker
 * @param upstreamPort   its port
 * @param maxConnections clients relayed at once; more are refused
 * @param idleTimeout    a connection with no byte either way for this long is closed; zero: never
 * @param clientTls      accept TLS clients with this context, or null for plain TCP
 * @param upstreamTls    reach the broker over TLS with this context, or null
 * @param webSocket      clients speak MQTT over WebSocket (path {@code /mqtt}, subprotocol {@code mqtt})
 * @param maxQueued      bytes waiting for the decoder before the relay is slowed down
 */
public record ProxyConfig(InetSocketAddress listen, String upstreamHost, int upstreamPort, int maxConnections,
                          Duration idleTimeout, SslContext clientTls, SslContext upstreamTls, boolean webSocket,
                          long maxQueued) {
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final long DEFAULT_MAX_QUEUED = 32L << 20;

    public String upstream() {
        return upstreamHost.contains(":") ? "[" + upstreamHost + "]:" + upstreamPort : upstreamHost + ":" + upstreamPort;
    }
}
