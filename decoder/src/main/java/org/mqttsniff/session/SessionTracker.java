package org.mqttsniff.session;

import java.util.List;
import java.util.function.Consumer;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.PacketType;
import org.mqttsniff.mqtt.StreamDecoder;
import org.mqttsniff.mqtt.VersionState;
import org.mqttsniff.net.Endpoint;
import org.mqttsniff.net.RawFrame;
import org.mqttsniff.tcp.Assembler;
import org.mqttsniff.tcp.CloseReason;
import org.mqttsniff.tcp.RoleBasis;
import org.mqttsniff.tcp.TcpConnection;

/**
 * Turns reassembled TCP streams into MQTT events: decides which connections carry MQTT, runs a
 * {@link StreamDecoder} per direction, and passes every packet through the connection's
 * {@link MqttSession} for matching and warnings. Events go to the sink in capture order.
 */
public final class SessionTracker implements Assembler.Listener {
    private final SessionOptions options;
    private final Consumer<SnifferEvent> sink;
    /** The sink, when it takes packets field by field; else null and packets go to the sink as events. */
    private final PacketCounter counter;
    /** For -w: told the frames that carried each packet, just before the packet's event. Null when unused. */
    private final FrameLog frameLog;
    /** With a counter, which forgets each packet once counted, the decoders share one array to decode from. */
    private final StreamDecoder.Scratch scratch;

    /** Receives, for each packet, the frames its bytes came in (for writing them out with {@code -w}). */
    public interface FrameLog {
        void carried(List<RawFrame> frames);
    }

    /** The state hung on each TCP connection this tracker follows. */
    private final class Conn implements StreamDecoder.Counting {
        final TcpConnection tcp;
        final MqttSession session;
        final StreamDecoder[] decoders = new StreamDecoder[2];
        final boolean[] firstBytesSeen = new boolean[2];
        final Carriers[] carriers = frameLog == null ? null : new Carriers[] {new Carriers(), new Carriers()};
        /** Not on an MQTT port: follow it only if the client opens with a CONNECT. */
        boolean awaitingConnect;
        boolean opened;
        /** The frame and direction being fed, for the events the decoders call back with. */
        RawFrame frame;
        Direction dir;

        Conn(TcpConnection tcp, boolean onMqttPort) {
            this.tcp = tcp;
            VersionState v = new VersionState(options.version(), !options.versionNamed());
            // open() comes before the assembler has started either direction, so startedMidStream
            // is not known yet: a connection seen from its SYN (or SYN+ACK) is seen from its start.
            this.session = new MqttSession(tcp.stream(), tcp.client(), tcp.server(), v,
                    tcp.roleBasis() == RoleBasis.SYN);
            this.awaitingConnect = !onMqttPort;
            for (Direction d : Direction.values()) {
                decoders[d.ordinal()] = new StreamDecoder(v, options.maxPacketSize(), this);
                if (scratch != null) {
                    decoders[d.ordinal()].resultsForgottenAfterCall(scratch);
                }
            }
        }

        Endpoint src(Direction d) {
            return d == Direction.C2S ? tcp.client() : tcp.server();
        }

        Endpoint dst(Direction d) {
            return d == Direction.C2S ? tcp.server() : tcp.client();
        }

        @Override
        public void packet(long offset, DecodeResult result) {
            if (carriers != null) {
                frameLog.carried(carriers[dir.ordinal()].take(offset, offset + result.length()));
            }
            if (counter != null) {
                session.count(frame.number(), frame.timeNanos(), dir, result, counter);
            } else {
                sink.accept(session.packet(frame.number(), frame.timeNanos(), dir, result));
            }
        }

        // Only a decoder of a counting tracker calls these two (see StreamDecoder.resultsForgottenAfterCall)

        @Override
        public void publish(long offset, int length, MqttVersion version, int qos, boolean dup, String topic,
                            int packetId, int payloadLength) {
            session.countPublish(frame.number(), frame.timeNanos(), dir, length, version, qos, dup, topic, packetId,
                    payloadLength, counter);
        }

        @Override
        public void ack(long offset, int length, MqttVersion version, PacketType type, int packetId) {
            session.countAck(frame.number(), frame.timeNanos(), dir, length, version, type, packetId, counter);
        }

        @Override
        public void desync(long offset, long skipped, String why) {
            sink.accept(new SnifferEvent.Desync(frame.number(), frame.timeNanos(), tcp.stream(), src(dir), dst(dir), dir,
                    skipped, why));
        }
    }

    public SessionTracker(SessionOptions options, Consumer<SnifferEvent> sink) {
        this(options, sink, null);
    }

    public SessionTracker(SessionOptions options, Consumer<SnifferEvent> sink, FrameLog frameLog) {
        this.options = options;
        this.sink = sink;
        // -w needs each packet's event, to write its frames where the event goes
        this.counter = sink instanceof PacketCounter c && frameLog == null ? c : null;
        this.frameLog = frameLog;
        this.scratch = counter != null ? new StreamDecoder.Scratch() : null;
    }

    @Override
    public void open(TcpConnection c, RawFrame frame) {
        boolean onMqttPort = options.mqttPort().test(c.server().port()) || options.mqttPort().test(c.client().port());
        Conn conn = new Conn(c, onMqttPort);
        c.attach(conn);
        if (onMqttPort) {
            announce(conn, frame);
        }
    }

    private void announce(Conn conn, RawFrame frame) {
        conn.opened = true;
        TcpConnection c = conn.tcp;
        sink.accept(new SnifferEvent.Open(frame.number(), frame.timeNanos(), c.stream(), c.client(), c.server(),
                c.roleBasis().name()));
    }

    @Override
    public void data(TcpConnection c, boolean fromClient, ByteSlice bytes, RawFrame frame) {
        if (!(c.attachment() instanceof Conn conn)) {
            return;
        }
        Direction dir = Direction.of(fromClient);
        int d = dir.ordinal();
        if (conn.awaitingConnect) {
            // MQTT on another port is only recognised by a CONNECT at the very start of the client's stream
            if (fromClient && !c.startedMidStream(true) && Signatures.looksLikeConnect(bytes)) {
                conn.awaitingConnect = false;
                announce(conn, frame);
            } else {
                c.ignore();
                return;
            }
        }
        if (!conn.firstBytesSeen[d]) {
            conn.firstBytesSeen[d] = true;
            if (c.startedMidStream(fromClient)) {
                // known only once the direction's first segment has arrived
                conn.decoders[d].seekPacketStart("the capture starts in the middle of this connection");
            }
            String other = c.startedMidStream(fromClient) ? null : Signatures.identify(bytes);
            if (other != null) {
                sink.accept(new SnifferEvent.NotMqtt(frame.number(), frame.timeNanos(), c.stream(), conn.src(dir),
                        conn.dst(dir), dir, other + ", not MQTT: \"" + Signatures.preview(bytes) + "\""));
                c.ignore();
                return;
            }
        }
        conn.frame = frame;
        conn.dir = dir;
        if (conn.carriers != null) {
            long at = conn.decoders[d].position();
            conn.carriers[d].fed(frame, at, at + bytes.length());
        }
        conn.decoders[d].feed(bytes);
    }

    @Override
    public void gap(TcpConnection c, boolean fromClient, long lostBytes, RawFrame frame) {
        if (!(c.attachment() instanceof Conn conn) || !conn.opened || c.ignored()) {
            return;
        }
        Direction dir = Direction.of(fromClient);
        conn.session.lossy = true;
        sink.accept(new SnifferEvent.Gap(frame.number(), frame.timeNanos(), c.stream(), conn.src(dir), conn.dst(dir),
                dir, lostBytes));
        conn.frame = frame;
        conn.dir = dir;
        conn.decoders[dir.ordinal()].gap(lostBytes);
    }

    @Override
    public void close(TcpConnection c, CloseReason reason, RawFrame frame) {
        if (!(c.attachment() instanceof Conn conn) || !conn.opened) {
            return;
        }
        conn.frame = frame;
        if (!c.ignored()) {
            for (Direction d : Direction.values()) {
                conn.dir = d;
                conn.decoders[d.ordinal()].finish();
            }
        }
        // a client silent past its keep alive at the end is worth saying even though no packet shows it
        String late = conn.session.keepAliveExceeded(frame.timeNanos(),
                reason == CloseReason.END_OF_CAPTURE ? " before the capture ended" : " before the connection closed");
        if (late != null) {
            sink.accept(new SnifferEvent.Warning(frame.number(), frame.timeNanos(), c.stream(), c.client(), c.server(),
                    late));
        }
        sink.accept(new SnifferEvent.Close(frame.number(), frame.timeNanos(), c.stream(), c.client(), c.server(),
                reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), conn.session.openFlows()));
    }
}
