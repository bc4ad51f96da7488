package org.mqttsniff.mqtt;

import java.util.Arrays;

import org.mqttsniff.bytes.ByteSlice;

/**
 * Decodes one direction of a connection from bytes fed in any chunking.
 *
 * <p>Memory stays bounded whatever the wire claims: bytes are buffered only as they arrive, a
 * packet is decoded once all its bytes are there, and a packet larger than the maximum packet
 * size is reported and skipped without being buffered. A remaining length of 200 MB followed by
 * 10 bytes holds 10 bytes.
 *
 * <p>Recovery: a packet with a valid length but bad content is reported as malformed and decoding
 * goes on after it. A length that cannot be framed (more than 4 bytes), or a gap in the bytes,
 * desynchronises the direction: bytes are discarded until a plausible packet (valid type and
 * flags, sane length, content that decodes) starts, and a desync event tells how many.
 */
public final class StreamDecoder {
    /** 16 MiB: far above what brokers are usually configured to accept, small enough to buffer. */
    public static final int DEFAULT_MAX_PACKET_SIZE = 16 << 20;
    /** Bytes of a too-large packet kept for display. */
    private static final int KEPT_OF_SKIPPED = 64;
    private static final int SHRINK_ABOVE = 64 << 10;
    private static final int SHRINK_AFTER = 64;

    public interface Listener {
        /** A packet, or a malformed one; {@code offset} is its first byte's position in the direction's stream. */
        void packet(long offset, DecodeResult result);

        /** {@code skipped} bytes from {@code offset} on were discarded to find a packet boundary again. */
        void desync(long offset, long skipped, String why);
    }

    /**
     * A listener that only counts (see {@link #resultsForgottenAfterCall}) and takes the commonest
     * packets field by field, so that nothing is built for them: a well-formed PUBLISH whose Topic
     * Name this direction used lately and that has no properties, and a PUBACK, PUBREC, PUBREL or
     * PUBCOMP with only its packet identifier. Every other packet, and any of these that breaks a
     * rule, still comes decoded through {@link #packet}, so what is reported is the same.
     */
    public interface Counting extends Listener {
        void publish(long offset, int length, MqttVersion version, int qos, boolean dup, String topic, int packetId,
                     int payloadLength);

        /** {@code type} is PUBACK, PUBREC, PUBREL or PUBCOMP. */
        void ack(long offset, int length, MqttVersion version, PacketType type, int packetId);
    }

    private final VersionState version;
    private final int maxPacketSize;
    private final Listener listener;
    /**
     * Null unless the listener forgets every result before {@link Listener#packet} returns (a
     * counter): then packets are decoded from this reused array instead of a copy of their own
     * each, since no view of it outlives the call.
     */
    private Scratch scratch;
    /** The listener, when it counts the commonest packets field by field; else null. */
    private Counting counting;

    private byte[] buf = new byte[256];
    /** This direction's recent Topic Names, reused by the PUBLISHes that repeat them. */
    private final TopicMemo topics = new TopicMemo();
    /** Reused for every packet of this direction (decoding is done before the next packet starts). */
    private final Reader reader = new Reader(null, 0, 0, 0, MqttVersion.V3_1_1, PacketType.PUBLISH, 0, null, null);
    private int held;
    /** Feeds in a row that used less than a quarter of a large buffer. */
    private int underused;
    /** Stream offset of buf[0]; with nothing held, of the next byte to arrive. */
    private long bufStart;

    /** Bytes of the current packet still to discard: too large to buffer, or cut by a gap. */
    private long skip;
    /** The too-large packet, reported when its last byte has gone by. */
    private DecodeResult.Malformed afterSkip;
    private long afterSkipOffset;

    private boolean desync;
    private long desyncStart;
    private String desyncWhy;
    /** Bytes lost in gaps since sync was lost: they never arrived, so they are not counted as skipped. */
    private long desyncLost;
    /** While desynchronised: the stream offset below which every byte was looked at as a packet start. */
    private long scanned = Long.MIN_VALUE;
    /** While desynchronised: stream offsets of plausible packet starts whose claimed bytes have not all come. */
    private final long[] waiting = new long[32];
    private int waitingCount;
    /** In {@link #finish}: no more bytes will come, so a candidate that needs more is no packet. */
    private boolean ending;

    public StreamDecoder(VersionState version, int maxPacketSize, Listener listener) {
        if (maxPacketSize < 2) {
            throw new IllegalArgumentException("maximum packet size must be at least 2, got " + maxPacketSize);
        }
        this.version = version;
        this.maxPacketSize = maxPacketSize;
        this.listener = listener;
    }

    public StreamDecoder(VersionState version, Listener listener) {
        this(version, DEFAULT_MAX_PACKET_SIZE, listener);
    }

    /**
     * Promises that the listener keeps nothing of a {@link DecodeResult} (nor of the views in it)
     * after {@link Listener#packet} returns, so packets need not be copied out of the bytes fed:
     * they are decoded from {@code scratch}, which decoders fed from one thread may share.
     */
    public void resultsForgottenAfterCall(Scratch scratch) {
        this.scratch = scratch;
        reader.viewsForForgottenPackets();
        if (listener instanceof Counting c) {
            counting = c;
        }
    }

    /** A reused array for decoders whose results are forgotten after each call; one per thread. */
    public static final class Scratch {
        /** Larger segments get an array of their own: a few big ones must not pin memory. */
        private static final int MAX_KEPT = 64 << 10;
        private byte[] array = new byte[2048];

        byte[] fit(int n) {
            if (n > array.length) {
                if (n > MAX_KEPT) {
                    return new byte[n];
                }
                array = new byte[Math.min(MAX_KEPT, Math.max(n, array.length * 2))];
            }
            return array;
        }
    }

    /** Stream offset of the next byte to arrive (bytes fed and bytes lost in gaps so far). */
    public long position() {
        return bufStart + held;
    }

    /** Bytes held waiting for the rest of a packet: the memory this direction uses. */
    public int buffered() {
        return held;
    }

    public boolean isDesynchronised() {
        return desync;
    }

    /**
     * The next byte may not start a packet (a capture that begins mid-connection): look for a
     * plausible packet start instead of framing blindly.
     */
    public void seekPacketStart(String why) {
        if (!desync && held == 0 && skip == 0) {
            loseSync(bufStart, why);
        }
    }

    public void feed(byte[] b, int off, int len) {
        feed(ByteSlice.wrap(b, off, len));
    }

    /** Feeds bytes straight from a slice (a TCP segment's payload): they are copied once, into the buffer. */
    public void feed(ByteSlice bytes) {
        int off = 0;
        int len = bytes.length();
        while (skip > 0 && len > 0) {
            int n = (int) Math.min(skip, len);
            skip -= n;
            bufStart += n;
            off += n;
            len -= n;
            if (skip == 0) {
                reportSkipped("");
            }
        }
        if (len == 0) {
            return;
        }
        if (held == 0 && !desync && skip == 0) {
            int whole = decodeWhole(bytes, off, len);
            off += whole;
            len -= whole;
            if (len == 0) {
                consume(0);
                return;
            }
        }
        if (held + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, held + len));
        }
        bytes.copyTo(off, off + len, buf, held);
        held += len;
        process();
    }

    /**
     * The usual case, a segment that starts on a packet boundary: the packets that lie whole in it
     * are decoded from one copy of it, instead of a copy into the buffer and then one per packet.
     * Returns how many bytes that took; the rest (a packet cut by the segment's end, or anything
     * unusual) is left to {@link #process}.
     */
    private int decodeWhole(ByteSlice bytes, int off, int len) {
        // sized by bytes that arrived, never by a length read off the wire
        byte[] own = scratch == null ? new byte[len] : scratch.fit(len);
        bytes.copyTo(off, off + len, own, 0);
        int p = 0;
        while (p < len) {
            long h = Framer.parse(own, p, len - p);
            if (h < 0) {
                break;
            }
            long total = Framer.headerLength(h) + (long) Framer.remainingLength(h);
            if (total > maxPacketSize || total > len - p) {
                break;
            }
            if (counting == null || !counted(own, p, (int) total, h, version.current(), bufStart + p)) {
                emitAt(bufStart + p, decode(own, p, (int) total, version.current()));
            }
            p += (int) total;
        }
        bufStart += p;
        return p;
    }

    public void feed(byte[] b) {
        feed(b, 0, b.length);
    }

    /**
     * {@code lost} bytes of this direction never arrived (a capture gap). A packet cut by the gap
     * is reported as truncated; if the gap ends inside that packet its end is still known and
     * sync is kept, otherwise the direction desynchronises.
     */
    public void gap(long lost) {
        if (lost <= 0) {
            return;
        }
        if (skip > 0) {
            if (lost < skip) {
                skip -= lost;
                bufStart += lost;
                return;
            }
            lost -= skip;
            bufStart += skip;
            skip = 0;
            reportSkipped("");
            if (lost == 0) {
                return;
            }
        }
        if (!desync && held > 0) {
            long h = Framer.parse(buf, 0, held);
            long missing = h >= 0 ? Framer.headerLength(h) + (long) Framer.remainingLength(h) - held : -1;
            emitTruncated("; " + lost + " bytes were lost in a gap");
            if (missing >= 0 && lost <= missing) {
                skip = missing - lost;
                bufStart += lost;
                return;
            }
        } else if (desync) {
            bufStart += held;
            held = 0;
        }
        bufStart += lost;
        if (desync) {
            desyncLost += lost;
        } else {
            // the desync event tells of received bytes discarded, so it starts after the gap
            loseSync(bufStart, "gap of " + lost + " bytes");
        }
    }

    /** The stream ended (FIN, RST or end of capture): a packet still incomplete is reported as truncated. */
    public void finish() {
        if (skip > 0) {
            reportSkipped("; the stream ended " + skip + " bytes before its end");
            skip = 0;
            return;
        }
        if (desync && held > 0) {
            // A candidate that claimed more bytes than arrived held the search at it; none will
            // come now, so it is no packet, and a real packet behind it may still be found.
            ending = true;
            scanned = Long.MIN_VALUE; // look at every byte again: what waited for bytes never gets them
            waitingCount = 0;
            process();
            ending = false;
        }
        if (desync) {
            // the search may have let go of bytes already: count from where sync was lost
            long skipped = bufStart + held - desyncStart - desyncLost;
            if (skipped > 0) {
                listener.desync(desyncStart, skipped, desyncWhy + "; the stream ended");
            }
            bufStart += held;
            held = 0;
            desyncStart = bufStart;
            desyncLost = 0;
        } else if (held > 0) {
            emitTruncated("; the stream ended");
        }
    }

    private void process() {
        int p = 0;
        while (p < held) {
            MqttVersion v = version.current(); // a CONNECT just decoded may have changed it
            if (skip > 0) {
                int n = (int) Math.min(skip, held - p);
                skip -= n;
                p += n;
                if (skip == 0) {
                    reportSkipped("");
                }
                continue;
            }
            if (desync) {
                int found = resync(p);
                if (found < 0) {
                    p = -found - 1;
                    break;
                }
                p = found;
                continue;
            }
            long h = Framer.parse(buf, p, held - p);
            if (h == Framer.NEED_MORE) {
                break;
            }
            if (h == Framer.TOO_LONG) {
                int first = buf[p] & 0xFF;
                listener.packet(bufStart + p, new DecodeResult.Malformed(first >>> 4, v,
                        MalformedReason.REMAINING_LENGTH_TOO_LONG, PacketDecoder.tooLongDetail(PacketType.of(first >>> 4).nameIn(v), v),
                        4, copy(p, 5), 5));
                // those 5 bytes are reported; the search for the next packet starts after them
                loseSync(bufStart + p + 5, "unframeable Remaining Length");
                p += 5;
                continue;
            }
            long total = Framer.headerLength(h) + (long) Framer.remainingLength(h);
            if (total > maxPacketSize) {
                if (!Framer.plausibleFirstByte(buf[p] & 0xFF, v)) {
                    loseSync(bufStart + p, String.format("implausible header 0x%02X claiming %d bytes", buf[p] & 0xFF,
                            total));
                    continue;
                }
                int first = buf[p] & 0xFF;
                afterSkip = new DecodeResult.Malformed(first >>> 4, v, MalformedReason.PACKET_TOO_LARGE,
                        PacketType.of(first >>> 4).nameIn(v) + ": " + total + " bytes is more than the maximum packet size "
                                + maxPacketSize + " (--max-packet-size); skipped without decoding",
                        1, copy(p, (int) Math.min(held - p, KEPT_OF_SKIPPED)), (int) total);
                afterSkipOffset = bufStart + p;
                long avail = held - p;
                if (avail >= total) {
                    p += (int) total;
                    reportSkipped("");
                } else {
                    skip = total - avail;
                    p = held;
                }
                continue;
            }
            if (held - p < total) {
                break;
            }
            if (counting == null || !counted(buf, p, (int) total, h, v, bufStart + p)) {
                emit(p, (int) total, decodeAt(p, (int) total, v));
            }
            p += (int) total;
        }
        consume(p);
    }

    /**
     * Looks for a plausible packet start from {@code p}. Returns the position after the packet it
     * found and reported, or {@code -(pos + 1)} to wait for more bytes, keeping them from pos on.
     *
     * <p>A candidate whose claimed length has not fully arrived cannot be judged yet, but it must
     * not hold the search: it may be a false start inside a payload claiming far more bytes than
     * will come. So it is remembered in {@link #waiting} and the scan goes on past it; a later
     * candidate that is complete and confirmed (see {@link #confirmed}) ends the desync. Each call
     * scans only bytes not scanned before ({@link #scanned}), so a long desync stays linear.
     */
    private int resync(int p) {
        MqttVersion v = version.current();
        // candidates that were waiting for their bytes, in stream order: can they be judged now?
        int kept = 0;
        for (int i = 0; i < waitingCount; i++) {
            int at = (int) (waiting[i] - bufStart);
            if (at < p) {
                continue;
            }
            long total = candidateLength(at, v);
            if (total > 0 && held - at >= total) {
                int found = tryCandidate(at, (int) total, v, kept > 0);
                if (found >= 0) {
                    return found;
                }
            } else if (total > 0 && !ending) {
                waiting[kept++] = waiting[i];
            }
        }
        waitingCount = kept;
        int q = scanned == Long.MIN_VALUE || scanned - bufStart < p ? p : (int) Math.min(scanned - bufStart, held);
        for (; q < held; q++) {
            if (!Framer.plausibleFirstByte(buf[q] & 0xFF, v)) {
                continue;
            }
            long h = Framer.parse(buf, q, held - q);
            if (h == Framer.NEED_MORE) {
                if (ending) {
                    continue;
                }
                break; // the header itself is cut: look at it again when more bytes come
            }
            if (h == Framer.TOO_LONG || Framer.isNonMinimal(h)) {
                continue;
            }
            long total = Framer.headerLength(h) + (long) Framer.remainingLength(h);
            if (total > maxPacketSize) {
                continue;
            }
            if (held - q < total) {
                if (!ending) {
                    if (waitingCount == waiting.length) {
                        break; // enough open questions: wait for some to be answered
                    }
                    waiting[waitingCount++] = bufStart + q;
                }
                continue;
            }
            int found = tryCandidate(q, (int) total, v, waitingCount > 0);
            if (found >= 0) {
                return found;
            }
        }
        scanned = bufStart + q;
        int keepFrom = waitingCount > 0 ? (int) (waiting[0] - bufStart) : q;
        return -(keepFrom + 1);
    }

    /** The length a plausible header at {@code at} claims, or -1 when it is no candidate (any more). */
    private long candidateLength(int at, MqttVersion v) {
        long h = Framer.parse(buf, at, held - at);
        if (h < 0 || Framer.isNonMinimal(h)) {
            return -1;
        }
        long total = Framer.headerLength(h) + (long) Framer.remainingLength(h);
        return total <= maxPacketSize ? total : -1;
    }

    /**
     * Accepts the complete candidate at {@code at} if it is confirmed and decodes cleanly: the
     * desync ends there. {@code strict}: an earlier candidate is still waiting, so this one needs
     * the stronger confirmation to be preferred to it.
     */
    private int tryCandidate(int at, int total, MqttVersion v, boolean strict) {
        if (!confirmed(at + total, v, strict)) {
            return -1;
        }
        DecodeResult r = decodeAt(at, total, v);
        if (!(r instanceof DecodeResult.Decoded)) {
            return -1;
        }
        long skipped = bufStart + at - desyncStart - desyncLost;
        desync = false;
        waitingCount = 0;
        scanned = Long.MIN_VALUE;
        if (skipped > 0) {
            listener.desync(desyncStart, skipped, desyncWhy);
        }
        emit(at, total, r);
        return at + total;
    }

    /**
     * Is a candidate ending at {@code end} confirmed? It ends where the received data ends (TCP
     * segments usually end on packet boundaries), or another plausible header follows it; when
     * {@code strict}, that next packet must also be complete and decode cleanly.
     */
    private boolean confirmed(int end, MqttVersion v, boolean strict) {
        if (!strict) {
            return followedByPlausibleStart(end, v);
        }
        if (end == held) {
            return true;
        }
        if (!Framer.plausibleFirstByte(buf[end] & 0xFF, v)) {
            return false;
        }
        long total = candidateLength(end, v);
        return total > 0 && held - end >= total && decodeAt(end, (int) total, v) instanceof DecodeResult.Decoded;
    }

    /**
     * A candidate found while resynchronising must end where the data received so far ends (TCP
     * segments usually end on packet boundaries) or be followed by another plausible header:
     * a lone candidate that decodes cleanly inside a payload is too weak a sign.
     */
    private boolean followedByPlausibleStart(int end, MqttVersion v) {
        if (end == held) {
            return true;
        }
        return Framer.plausibleFirstByte(buf[end] & 0xFF, v)
                && (Framer.parse(buf, end, held - end) == Framer.NEED_MORE || candidateLength(end, v) > 0);
    }

    /**
     * Tells {@link #counting} of the packet {@code b[p, p + total)} (framed as {@code h}) field by
     * field if it is one of the commonest kinds and certainly well-formed; false leaves it to the
     * decoder. The checks are those PacketDecoder, Publish and Acks make, for the cases taken here:
     * anything they would question (a Topic Name not seen lately on this direction, properties,
     * a reason code, an unusual flag) is not taken.
     */
    private boolean counted(byte[] b, int p, int total, long h, MqttVersion v, long offset) {
        int first = b[p] & 0xFF;
        int type = first >>> 4;
        if (v.isV5() && Framer.isNonMinimal(h)) {
            return false;
        }
        int q = p + Framer.headerLength(h);
        int end = p + total;
        if (type == 3) {
            int qos = (first >> 1) & 3;
            boolean dup = (first & 8) != 0;
            if (qos == 3 || (dup && qos == 0) || end - q < 2) {
                return false;
            }
            int topicLength = u16(b, q);
            q += 2;
            if (topicLength == 0 || end - q < topicLength) {
                return false;
            }
            // a name remembered here was well-formed UTF-8 when first decoded; wildcards are checked per packet
            String topic = topics.find(b, q, topicLength);
            if (topic == null || Topics.hasWildcard(topic)) {
                return false;
            }
            q += topicLength;
            int id = 0;
            if (qos > 0) {
                if (end - q < 2) {
                    return false;
                }
                id = u16(b, q);
                q += 2;
                if (id == 0) {
                    return false;
                }
            }
            if (v.isV5()) {
                // Property Length 0: no properties, so no alias and no payload format to check
                if (end - q < 1 || b[q] != 0) {
                    return false;
                }
                q++;
            }
            counting.publish(offset, total, v, qos, dup, topic, id, end - q);
            return true;
        }
        if (type >= 4 && type <= 7) {
            PacketType t = PacketType.of(type);
            if ((first & 0x0F) != t.requiredFlags() || end - q != 2) {
                return false;
            }
            int id = u16(b, q);
            if (id == 0) {
                return false;
            }
            counting.ack(offset, total, v, t, id);
            return true;
        }
        return false;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

        private DecodeResult decodeAt(int p, int total, MqttVersion v) {
        // a forgotten result may view the buffer: it is used before the buffer next changes
        return scratch != null ? decode(buf, p, total, v) : decode(Arrays.copyOfRange(buf, p, p + total), 0, total, v);
    }

    /** Decodes {@code own[p, p + total)}; the result keeps views of {@code own}, which must never change. */
    private DecodeResult decode(byte[] own, int p, int total, MqttVersion v) {
        DecodeResult r = PacketDecoder.decode(own, p, total, v, null, topics, reader);
        if (r instanceof DecodeResult.Malformed && version.mayInfer() && !v.isV5()) {
            // No CONNECT seen (a capture that starts mid-connection): a packet that breaks 3.1.1's
            // rules but decodes cleanly as 5.0 (properties, reason codes) says the connection is 5.0.
            DecodeResult asV5 = PacketDecoder.decode(own, p, total, MqttVersion.V5, null, topics, reader);
            if (asV5 instanceof DecodeResult.Decoded) {
                version.infer(MqttVersion.V5);
                return asV5;
            }
        }
        return r;
    }

    private void emit(int p, int total, DecodeResult r) {
        emitAt(bufStart + p, r);
    }

    private void emitAt(long offset, DecodeResult r) {
        if (r instanceof DecodeResult.Decoded d && d.packet() instanceof Connect c) {
            version.learn(c.version());
        } else if (r instanceof DecodeResult.Malformed m && m.typeCode() == 1) {
            PacketDecoder.connectVersion(m.raw()).ifPresent(version::learn);
        }
        listener.packet(offset, r);
    }

    private void emitTruncated(String why) {
        int first = buf[0] & 0xFF;
        MqttVersion v = version.current();
        listener.packet(bufStart, new DecodeResult.Malformed(first >>> 4, v, MalformedReason.TRUNCATED,
                PacketType.of(first >>> 4).nameIn(v) + ": only " + held + " bytes of the packet arrived" + why,
                held, copy(0, held), held));
        bufStart += held;
        held = 0;
    }

    private void reportSkipped(String suffix) {
        if (afterSkip != null) {
            DecodeResult.Malformed m = afterSkip;
            afterSkip = null;
            listener.packet(afterSkipOffset, suffix.isEmpty() ? m : new DecodeResult.Malformed(m.typeCode(),
                    m.version(), m.reason(), m.detail() + suffix, m.offset(), m.raw(), m.length()));
        }
    }

    private void loseSync(long at, String why) {
        desync = true;
        desyncStart = at;
        desyncWhy = why;
        desyncLost = 0;
        scanned = Long.MIN_VALUE;
        waitingCount = 0;
    }

    private ByteSlice copy(int from, int n) {
        return ByteSlice.copyOf(buf, from, Math.min(n, held - from));
    }

    /**
     * Drops the first {@code p} bytes, and gives memory back once a burst has passed: a large
     * buffer shrinks only after {@link #SHRINK_AFTER} feeds in a row used less than a quarter of
     * it, so a stream of large packets does not grow and shrink it for every packet.
     */
    private void consume(int p) {
        if (p > 0) {
            System.arraycopy(buf, p, buf, 0, held - p);
            held -= p;
            bufStart += p;
        }
        if (buf.length <= SHRINK_ABOVE || held >= buf.length / 4) {
            underused = 0;
        } else if (++underused >= SHRINK_AFTER) {
            buf = Arrays.copyOf(buf, Math.max(256, held * 2));
            underused = 0;
        }
    }
}
