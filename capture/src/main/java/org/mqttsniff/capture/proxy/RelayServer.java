package org.mqttsniff.capture.proxy;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * The relay: accepts clients on the listen address and connects each to the upstream broker
 * from the same event loop, so a client and its upstream share one thread. Problems with one
 * connection (broker unreachable, TLS handshake failed) cost that connection and one line for the
 * user; the relay goes on serving.
 */
public final class RelayServer implements AutoCloseable {
    /** WebSocket frames carry MQTT packets; one frame is bounded like one packet could be. */
    private static final int MAX_WS_FRAME = 1 << 20;

    private final ProxyConfig config;
    private final RelayPipeline pipeline;
    private final Consumer<String> notices;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private volatile long lastRefusalNotice;
    private Channel listener;

    /**
     * @param notices one line each for what goes wrong with a connection (printed on stderr by the CLI);
     *                called from the event loops
     */
    public RelayServer(ProxyConfig config, RelayPipeline pipeline, Consumer<String> notices) {
        this.config = config;
        this.pipeline = pipeline;
        this.notices = notices;
        this.boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    }

    /** Binds the listen address; returns the address bound (its port, when 0 was asked for). */
    public InetSocketAddress start() throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                // nothing is read from a client until its upstream connection is up
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accept(ch);
                    }
                });
        ChannelFuture bound = b.bind(config.listen()).await();
        if (!bound.isSuccess()) {
            close();
            Throwable c = bound.cause();
            throw new ProxyException("cannot listen on " + config.listen().getHostString() + ":"
                    + config.listen().getPort() + ": " + (c == null ? "unknown error" : c.getMessage()));
        }
        listener = bound.channel();
        return (InetSocketAddress) listener.localAddress();
    }

    String upstreamName() {
        return config.upstream();
    }

    boolean tlsOrWebSocket() {
        return config.clientTls() != null || config.upstreamTls() != null || config.webSocket();
    }

    void notice(String line) {
        notices.accept(line);
    }

    /** Connections relayed now. */
    public int active() {
        return active.get();
    }

    private void accept(SocketChannel ch) {
        if (active.incrementAndGet() > config.maxConnections()) {
            active.decrementAndGet();
            long n = refused.incrementAndGet();
            long now = System.nanoTime();
            // one line a second at most, however fast clients are turned away
            if (now - lastRefusalNotice > TimeUnit.SECONDS.toNanos(1)) {
                lastRefusalNotice = now;
                notice("refused " + ch.remoteAddress() + ": --max-connections " + config.maxConnections()
                        + " reached (" + n + " refused so far)");
            }
            ch.close();
            return;
        }
        channels.add(ch);
        ch.closeFuture().addListener(f -> active.decrementAndGet());
        Relay relay = new Relay(this, pipeline, ch);
        ChannelPipeline p = ch.pipeline();
        if (!config.idleTimeout().isZero()) {
            p.addLast(new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
        }
        if (config.clientTls() != null) {
            p.addLast(config.clientTls().newHandler(ch.alloc()));
        }
        if (config.webSocket()) {
            p.addLast(new HttpServerCodec(), new HttpObjectAggregator(65_536),
                    new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                            .websocketPath("/mqtt").subprotocols("mqtt").maxFramePayloadLength(MAX_WS_FRAME)
                            .checkStartsWith(false).build()),
                    new FramesToBytes(), new BytesToFrames());
        }
        p.addLast(relay.new Side(0));
        connectUpstream(relay);
    }

    private void connectUpstream(Relay relay) {
        Channel client = relay.client;
        Bootstrap b = new Bootstrap()
                .group(client.eventLoop())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (config.upstreamTls() != null) {
                            ch.pipeline().addLast(config.upstreamTls().newHandler(ch.alloc(), config.upstreamHost(),
                                    config.upstreamPort()));
                        }
                        ch.pipeline().addLast(relay.new Side(1));
                    }
                });
        ChannelFuture f = b.connect(config.upstreamHost(), config.upstreamPort());
        relay.upstream = f.channel();
        channels.add(f.channel());
        f.addListener(done -> {
            if (done.isSuccess()) {
                SslHandler tls = f.channel().pipeline().get(SslHandler.class);
                if (tls == null) {
                    relay.upstreamConnected(f.channel());
                } else {
                    // the client is read only once the broker passed the TLS check: nothing is relayed,
                    // or shown as relayed, to a broker that was refused
                    tls.handshakeFuture().addListener(h -> {
                        if (h.isSuccess()) {
                            relay.upstreamConnected(f.channel());
                        } else {
                            relay.upstreamRefused(h.cause());
                        }
                    });
                }
            } else if (client.isActive()) { // a client already gone needs no word
                Throwable c = done.cause();
                notice("cannot reach upstream " + config.upstream() + " for client " + client.remoteAddress() + ": "
                        + (c == null ? "unknown error" : c.getMessage()) + "; client connection closed");
                client.close();
            } else {
                client.close();
            }
        });
    }

    /** WebSocket side: the MQTT bytes of binary (and continuation) frames go on as plain bytes. */
    private static final class FramesToBytes extends MessageToMessageDecoder<WebSocketFrame> {
        @Override
        protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
            if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
                out.add(frame.content().retain());
            } else {
                // MQTT travels in binary frames only; anything else closes the connection [MQTT-6.0.0-1]
                ctx.close();
            }
        }
    }

    /** And what the broker sends goes back in binary frames. */
    private static final class BytesToFrames extends MessageToMessageEncoder<ByteBuf> {
        @Override
        protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
            out.add(new BinaryWebSocketFrame(msg.retain()));
        }
    }

    /** Stops accepting, closes every connection, and stops the event loops; the pipeline is the caller's to stop. */
    @Override
    public void close() {
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        channels.close().awaitUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
