package org.mqttsniff.capture.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.net.Endpoint;
import org.mqttsniff.tcp.CloseReason;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * One client and its upstream connection. Both channels live on the same event loop, so this
 * state needs no lock; only {@link #stream} and {@link #finWritten} belong to the pipeline thread.
 *
 * <p>What one side reads is written to the other as the same buffer, never re-encoded, and a copy
 * goes to the pipeline. A side stops reading while its peer cannot take more (Netty's write
 * watermarks) or while the pipeline is full; an end of input is passed on as a half-close when
 * both sides are plain TCP.
 */
final class Relay {
    private static final int CLIENT = 0;
    private static final int UPSTREAM = 1;

    private final RelayServer server;
    private final RelayPipeline pipeline;
    final Channel client;
    Channel upstream;
    private final long acceptedAt;
    private final boolean[] eof = new boolean[2];
    private final boolean[] peerFull = new boolean[2];
    private boolean decoderFull;
    private boolean connected;
    private boolean closing;
    private boolean noticed;
    private CloseReason reason;
    private Endpoint clientEndpoint;
    private Endpoint serverEndpoint;

    /** What this relay read in the current read pass, for the pipeline once it has been written on. */
    final ArrayList<RelayPipeline.Item> held = new ArrayList<>(4);
    int heldBytes;

    /** Pipeline thread only. */
    int stream = -1;
    final boolean[] finWritten = new boolean[2];

    Relay(RelayServer server, RelayPipeline pipeline, Channel client) {
        this.server = server;
        this.pipeline = pipeline;
        this.client = client;
        this.acceptedAt = Clock.now();
    }

    Endpoint clientEndpoint() {
        return clientEndpoint;
    }

    Endpoint serverEndpoint() {
        return serverEndpoint;
    }

    /** The handler at the end of each side's pipeline: it sees plaintext bytes, whatever TLS or WebSocket did. */
    final class Side extends ChannelInboundHandlerAdapter {
        private final int side;

        Side(int side) {
            this.side = side;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf buf)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            read(side, buf);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            Channel peer = peer(side);
            if (peer != null) {
                peer.flush();
            }
            // only now, with what was read on its way, the copies go to the decoder
            pipeline.handOver(Relay.this);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            // this side's outbound buffer drained or filled: the other side reads accordingly
            int other = 1 - side;
            peerFull[other] = !ctx.channel().isWritable();
            updateAutoRead(other);
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                endOfInput(side);
            } else if (evt instanceof IdleStateEvent) {
                closeBoth(CloseReason.IDLE, side == CLIENT);
            } else {
                ctx.fireUserEventTriggered(evt);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            // gone without both ends of input seen: a reset, or the peer vanished
            closeBoth(eof[CLIENT] && eof[UPSTREAM] ? CloseReason.FIN : CloseReason.RST, side == CLIENT);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!(cause instanceof IOException)) {
                notice(side, cause);
            }
            closeBoth(CloseReason.RST, side == CLIENT);
        }
    }

    /** One line per connection at most, however many ways its failure is reported. */
    private void notice(int side, Throwable cause) {
        if (!noticed) {
            noticed = true;
            server.notice((side == CLIENT ? "client " + client.remoteAddress() : "upstream " + server.upstreamName())
                    + ": " + describe(cause));
        }
    }

    /** The broker failed the TLS check: nothing was relayed, the client is closed. */
    void upstreamRefused(Throwable cause) {
        notice(UPSTREAM, cause);
        closeBoth(CloseReason.RST, false);
    }

    private static String describe(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return m == null ? c.getClass().getSimpleName() : m;
    }

    /** The upstream connection is up: from now on the client is read. */
    void upstreamConnected(Channel ch) {
        connected = true;
        clientEndpoint = endpoint((InetSocketAddress) client.remoteAddress());
        serverEndpoint = endpoint((InetSocketAddress) ch.remoteAddress());
        if (client.isActive()) {
            pipeline.opened(this, acceptedAt);
            updateAutoRead(CLIENT);
        } else {
            ch.close();
        }
    }

    private static Endpoint endpoint(InetSocketAddress a) {
        return new Endpoint(ByteSlice.wrap(a.getAddress().getAddress()), a.getPort());
    }

    private Channel channel(int side) {
        return side == CLIENT ? client : upstream;
    }

    private Channel peer(int side) {
        return side == CLIENT ? upstream : client;
    }

    private void read(int side, ByteBuf buf) {
        Channel peer = peer(side);
        if (closing || peer == null) {
            buf.release();
            return;
        }
        pipeline.data(this, side == CLIENT, buf, Clock.now());
        peer.write(buf, peer.voidPromise());
        if (!peer.isWritable()) {
            peerFull[side] = true;
            updateAutoRead(side);
        }
    }

    private void endOfInput(int side) {
        if (eof[side]) {
            return;
        }
        eof[side] = true;
        pipeline.fin(this, side == CLIENT, Clock.now());
        if (eof[CLIENT] && eof[UPSTREAM]) {
            closeBoth(CloseReason.FIN, side == CLIENT);
            return;
        }
        Channel peer = peer(side);
        if (peer instanceof DuplexChannel d && !server.tlsOrWebSocket()) {
            // half-close passed through once what was read before the FIN has been written
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> d.shutdownOutput());
        } else {
            // a TLS or WebSocket side has no half-close to pass on: the connection ends
            closeBoth(CloseReason.FIN, side == CLIENT);
        }
    }

    /** Closes both sides once, after writing what is pending; a reset is passed on as a reset. */
    void closeBoth(CloseReason why, boolean byClient) {
        if (closing) {
            return;
        }
        closing = true;
        reason = why;
        if (connected) {
            pipeline.closed(this, why, byClient, Clock.now());
        }
        close(client, why);
        if (upstream != null) {
            close(upstream, why);
        }
    }

    private static void close(Channel ch, CloseReason why) {
        if (!ch.isActive()) {
            ch.close();
            return;
        }
        if (why == CloseReason.RST) {
            ch.config().setOption(ChannelOption.SO_LINGER, 0);
            ch.close();
        } else {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    CloseReason reason() {
        return reason;
    }

    private void updateAutoRead(int side) {
        Channel ch = channel(side);
        if (ch == null) {
            return;
        }
        boolean read = !peerFull[side] && !decoderFull && (side == UPSTREAM || connected);
        if (ch.config().isAutoRead() != read) {
            ch.config().setAutoRead(read);
        }
    }

    /** From an event loop: the pipeline's queue is over its bound. */
    void pauseForDecoder() {
        if (!decoderFull) {
            decoderFull = true;
            updateAutoRead(CLIENT);
            updateAutoRead(UPSTREAM);
        }
    }

    /** From the pipeline thread: it has caught up. */
    void resumeForDecoder() {
        client.eventLoop().execute(() -> {
            decoderFull = false;
            updateAutoRead(CLIENT);
            updateAutoRead(UPSTREAM);
        });
    }
}
