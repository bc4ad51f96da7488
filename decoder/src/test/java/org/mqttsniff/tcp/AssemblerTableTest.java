package org.mqttsniff.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Segments in (one a line, see {@link Wire}), listener calls out. Every case ends with
 * {@link Assembler#finish}, so what the end of capture flushes is part of the expected output.
 * Client C = 10.0.0.1:40000 (ISN 1000), broker S = 10.0.0.2:1883 (ISN 5000).
 */
// A reassembly bug tends to loop forever rather than fail; a separate thread lets the timeout end it.
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AssemblerTableTest {

    record Case(String name, AssemblerLimits limits, List<String> in, List<String> out) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<String> HANDSHAKE = List.of("C>S 1000 S", "S>C 5000 SA 1001", "C>S 1001 A 5001");
    static final String OPEN0 = "open 0 c=10.0.0.1:40000 s=10.0.0.2:1883 SYN";
    static final AssemblerLimits DEFAULTS = AssemblerLimits.defaults();

    static Case tcase(String name, List<String> in, String... out) {
        return new Case(name, DEFAULTS, in, List.of(out));
    }

    static Case tcase(String name, AssemblerLimits limits, List<String> in, String... out) {
        return new Case(name, limits, in, List.of(out));
    }

    static List<String> afterHandshake(String... lines) {
        return Stream.concat(HANDSHAKE.stream(), Stream.of(lines)).toList();
    }

    static Stream<Case> cases() {
        return Stream.of(
                tcase("in order, closed by FIN both ways", afterHandshake(
                        "C>S 1001 PA 5001 'hello'", "S>C 5001 PA 1006 'hi'",
                        "C>S 1006 FA 5003", "S>C 5003 FA 1007", "C>S 1007 A 5004"),
                        OPEN0, "data 0 c2s 'hello'", "data 0 s2c 'hi'", "close 0 FIN"),
                tcase("reordered segments come out in sequence order", afterHandshake(
                        "C>S 1006 PA 5001 'world'", "S>C 5001 PA 1001 'ok'", "C>S 1011 PA 5003 '!'",
                        "C>S 1001 PA 5003 'hello'"),
                        OPEN0, "data 0 s2c 'ok'", "data 0 c2s 'hello'", "data 0 c2s 'world'", "data 0 c2s '!'",
                        "close 0 END_OF_CAPTURE"),
                tcase("retransmissions come out once, the first copy wins", afterHandshake(
                        "C>S 1001 PA 5001 'hello'", "C>S 1001 PA 5001 'hello'",
                        "C>S 1011 PA 5001 'again'", "C>S 1011 PA 5001 'AGAIN'",
                        "C>S 1006 PA 5001 'world'", "C>S 1006 PA 5001 'world'"),
                        OPEN0, "data 0 c2s 'hello'", "data 0 c2s 'world'", "data 0 c2s 'again'",
                        "close 0 END_OF_CAPTURE"),
                tcase("an overlap with delivered bytes is trimmed at the front", afterHandshake(
                        "C>S 1001 PA 5001 'hello'", "C>S 1004 PA 5001 'loWOR'"),
                        OPEN0, "data 0 c2s 'hello'", "data 0 c2s 'WOR'", "close 0 END_OF_CAPTURE"),
                tcase("an in-order segment overlapping a pending one yields to the earlier bytes", afterHandshake(
                        "C>S 1008 PA 5001 'XYZ'", "C>S 1001 PA 5001 'abcdefghijkl'"),
                        OPEN0, "data 0 c2s 'abcdefg'", "data 0 c2s 'XYZ'", "data 0 c2s 'kl'",
                        "close 0 END_OF_CAPTURE"),
                tcase("a pending segment overlapped on both sides keeps its bytes", afterHandshake(
                        "C>S 1006 PA 5001 'MM'", "C>S 1003 PA 5001 'xyz--uv'", "C>S 1001 PA 5001 'ab'"),
                        OPEN0, "data 0 c2s 'ab'", "data 0 c2s 'xyz'", "data 0 c2s 'MM'", "data 0 c2s 'uv'",
                        "close 0 END_OF_CAPTURE"),
                tcase("bytes beyond the FIN are dropped, even if buffered before it came", afterHandshake(
                        "C>S 1011 PA 5001 'after'", "C>S 1003 PA 5001 'llo after'", "C>S 1006 FA 5001",
                        "C>S 1001 PA 5001 'he'", "S>C 5001 FA 1007"),
                        OPEN0, "data 0 c2s 'he'", "data 0 c2s 'llo'", "close 0 FIN"),
                tcase("a hole never filled is reported when the peer acknowledges the FIN", afterHandshake(
                        "C>S 1006 PA 5001 'world'", "C>S 1011 FA 5001", "S>C 5001 FA 1012", "C>S 1012 A 5002"),
                        OPEN0, "gap 0 c2s 5", "data 0 c2s 'world'", "close 0 FIN"),
                tcase("an ACK of the FIN captured before the FIN counts the FIN once", afterHandshake(
                        "S>C 5001 A 1017", "C>S 1011 PA 5001 'later'", "C>S 1016 FA 5001", "S>C 5001 FA 1017"),
                        OPEN0, "gap 0 c2s 10", "data 0 c2s 'later'", "close 0 FIN"),
                tcase("a hole never filled is reported at the end of the capture", afterHandshake(
                        "C>S 1006 PA 5001 'world'"),
                        OPEN0, "gap 0 c2s 5", "data 0 c2s 'world'", "close 0 END_OF_CAPTURE"),
                tcase("the per-connection limit declares the oldest hole lost",
                        DEFAULTS.withMaxBufferedPerConnection(100), afterHandshake(
                        "C>S 1006 PA 5001 'world'", "C>S 1016 PA 5001 'later'"),
                        OPEN0, "gap 0 c2s 5", "data 0 c2s 'world'", "gap 0 c2s 5", "data 0 c2s 'later'",
                        "close 0 END_OF_CAPTURE"),
                tcase("bytes the receiver acknowledged but the capture lacks are lost, up to the ACK", afterHandshake(
                        "C>S 1011 PA 5001 'later'", "S>C 5001 A 1006", "C>S 1006 PA 5001 'world'"),
                        OPEN0, "gap 0 c2s 5", "data 0 c2s 'world'", "data 0 c2s 'later'", "close 0 END_OF_CAPTURE"),
                tcase("an ACK captured before the data it acknowledges loses nothing", afterHandshake(
                        "S>C 5001 A 1006", "C>S 1001 PA 5001 'hello'"),
                        OPEN0, "data 0 c2s 'hello'", "close 0 END_OF_CAPTURE"),
                tcase("sequence numbers wrap around 2^32, reordered across the wrap", List.of(
                        "C>S 4294967290 S", "S>C 5000 SA 4294967291", "C>S 0 PA 5001 'fghij'",
                        "C>S 4294967291 PA 5001 'abcde'", "C>S 5 PA 5001 'klm'", "C>S 8 FA 5001", "S>C 5001 FA 9"),
                        OPEN0, "data 0 c2s 'abcde'", "data 0 c2s 'fghij'", "data 0 c2s 'klm'", "close 0 FIN"),
                tcase("a SYN on the last sequence number puts the first byte at 0", List.of(
                        "C>S 4294967295 S", "S>C 7 SA 0", "C>S 0 PA 8 'x'"),
                        OPEN0, "data 0 c2s 'x'", "close 0 END_OF_CAPTURE"),
                tcase("a SYN+ACK alone gives the roles and both starts", List.of(
                        "S>C 5000 SA 1001", "C>S 1001 PA 5001 'hi'", "S>C 5001 PA 1003 'yo'"),
                        OPEN0, "data 0 c2s 'hi'", "data 0 s2c 'yo'", "close 0 END_OF_CAPTURE"),
                tcase("mid-stream, the broker port tells the roles", List.of(
                        "S>C 7000 PA 300 'from broker'", "C>S 300 PA 7011 'from client'"),
                        "open 0 c=10.0.0.1:40000 s=10.0.0.2:1883 PORT", "data 0 s2c 'from broker'",
                        "data 0 c2s 'from client'", "close 0 END_OF_CAPTURE"),
                tcase("mid-stream without a broker port, the higher port is guessed to be the client", List.of(
                        "X>Y 100 PA 200 'a'", "Y>X 200 PA 101 'b'"),
                        "open 0 c=10.0.0.6:6000 s=10.0.0.5:5000 GUESS", "data 0 s2c 'a'", "data 0 c2s 'b'",
                        "close 0 END_OF_CAPTURE"),
                tcase("the same 4-tuple after FIN both ways is a new stream", afterHandshake(
                        "C>S 1001 FA 5001", "S>C 5001 FA 1002", "C>S 1002 A 5002",
                        "C>S 9000 S", "S>C 3000 SA 9001", "C>S 9001 PA 3001 'again'"),
                        OPEN0, "close 0 FIN", "open 1 c=10.0.0.1:40000 s=10.0.0.2:1883 SYN",
                        "data 1 c2s 'again'", "close 1 END_OF_CAPTURE"),
                tcase("the same 4-tuple after RST is a new stream, even with the same ISN", List.of(
                        "C>S 1000 S", "S>C 0 RA 1001", "C>S 1000 S", "S>C 5000 SA 1001", "C>S 1001 PA 5001 'hi'"),
                        OPEN0, "close 0 RST", "open 1 c=10.0.0.1:40000 s=10.0.0.2:1883 SYN", "data 1 c2s 'hi'",
                        "close 1 END_OF_CAPTURE"),
                tcase("a SYN with a new ISN on an open connection is port reuse", afterHandshake(
                        "C>S 1001 PA 5001 'hi'", "C>S 7000 S", "S>C 8000 SA 7001", "C>S 7001 PA 8001 'new'"),
                        OPEN0, "data 0 c2s 'hi'", "close 0 REUSED", "open 1 c=10.0.0.1:40000 s=10.0.0.2:1883 SYN",
                        "data 1 c2s 'new'", "close 1 END_OF_CAPTURE"),
                tcase("a retransmitted SYN is the same stream", List.of(
                        "C>S 1000 S", "C>S 1000 S", "S>C 5000 SA 1001", "C>S 1001 PA 5001 'hi'"),
                        OPEN0, "data 0 c2s 'hi'", "close 0 END_OF_CAPTURE"),
                tcase("interleaved connections are numbered in first-seen order", List.of(
                        "C2>S 100 PA 900 'b1'", "C>S 1000 S", "S>C2 900 PA 102 'b2'", "P>Q 1 S",
                        "S>C 5000 SA 1001", "C>S 1001 PA 5001 'a1'", "C2>S 102 PA 902 'b3'", "Q>P 50 SA 2",
                        "P>Q 2 PA 51 'v6'"),
                        "open 0 c=10.0.0.1:40001 s=10.0.0.2:1883 PORT", "data 0 c2s 'b1'", OPEN0.replace("open 0", "open 1"),
                        "data 0 s2c 'b2'", "open 2 c=[2001:db8::1]:40000 s=[2001:db8::2]:1883 SYN",
                        "data 1 c2s 'a1'", "data 0 c2s 'b3'", "data 2 c2s 'v6'",
                        "close 0 END_OF_CAPTURE", "close 1 END_OF_CAPTURE", "close 2 END_OF_CAPTURE"),
                tcase("RST with pending data reports the gap, the data, then the close", afterHandshake(
                        "C>S 1006 PA 5001 'world'", "S>C 5001 RA 1001", "C>S 1011 PA 5001 'late'"),
                        OPEN0, "gap 0 c2s 5", "data 0 c2s 'world'", "close 0 RST"),
                tcase("an ignored connection delivers nothing but keeps its number and its close", List.of(
                        "C>W 1000 S", "W>C 5000 SA 1001", "C>W 1006 PA 5001 'world'", "C>W 1001 PA 5001 'hello'",
                        "C>W 1011 FA 5001", "W>C 5001 FA 1012", "C>S 1 PA 2 'x'"),
                        "open 0 c=10.0.0.1:40000 s=10.0.0.7:80 SYN", "close 0 FIN",
                        "open 1 c=10.0.0.1:40000 s=10.0.0.2:1883 PORT", "data 1 c2s 'x'", "close 1 END_OF_CAPTURE"),
                tcase("past maxConnections the least recently active connection closes",
                        DEFAULTS.withMaxConnections(2), List.of(
                        "C>S 1000 PA 1 'a'", "C2>S 100 PA 1 'b'", "C2>S 105 PA 1 'zz'", "C>S 1001 PA 1 'c'",
                        "C3>S 7 PA 1 'd'", "C2>S 107 PA 1 'e'"),
                        "open 0 c=10.0.0.1:40000 s=10.0.0.2:1883 PORT", "data 0 c2s 'a'",
                        "open 1 c=10.0.0.1:40001 s=10.0.0.2:1883 PORT", "data 1 c2s 'b'", "data 0 c2s 'c'",
                        "gap 1 c2s 4", "data 1 c2s 'zz'", "close 1 LIMIT",
                        "open 2 c=10.0.0.3:50000 s=10.0.0.2:1883 PORT", "data 2 c2s 'd'",
                        "close 0 LIMIT", "open 3 c=10.0.0.1:40001 s=10.0.0.2:1883 PORT", "data 3 c2s 'e'",
                        "close 2 END_OF_CAPTURE", "close 3 END_OF_CAPTURE"),
                tcase("past maxBufferedTotal the least recently active connection's holes are lost",
                        DEFAULTS.withMaxBufferedTotal(150), List.of(
                        "C>S 1000 PA 1 'a'", "C2>S 100 PA 1 'b'", "C>S 1006 PA 1 'aaaaa'", "C2>S 105 PA 1 'bbbbb'",
                        "C2>S 115 PA 1 'ccccc'"),
                        "open 0 c=10.0.0.1:40000 s=10.0.0.2:1883 PORT", "data 0 c2s 'a'",
                        "open 1 c=10.0.0.1:40001 s=10.0.0.2:1883 PORT", "data 1 c2s 'b'",
                        "gap 0 c2s 5", "data 0 c2s 'aaaaa'",
                        "close 0 END_OF_CAPTURE", "gap 1 c2s 4", "data 1 c2s 'bbbbb'", "gap 1 c2s 5",
                        "data 1 c2s 'ccccc'", "close 1 END_OF_CAPTURE"),
                tcase("idle connections close by capture time", DEFAULTS.withIdleTimeoutNanos(10_000_000_000L), List.of(
                        "C>S 1000 PA 1 'a' t=0", "C>S 1006 PA 1 'late'", "C2>S 100 PA 1 'b' t=5",
                        "C2>S 101 PA 1 'c' t=12", "C>S 1010 PA 1 'z' t=13"),
                        "open 0 c=10.0.0.1:40000 s=10.0.0.2:1883 PORT", "data 0 c2s 'a'",
                        "open 1 c=10.0.0.1:40001 s=10.0.0.2:1883 PORT", "data 1 c2s 'b'",
                        "gap 0 c2s 5", "data 0 c2s 'late'", "close 0 IDLE", "data 1 c2s 'c'",
                        "open 2 c=10.0.0.1:40000 s=10.0.0.2:1883 PORT", "data 2 c2s 'z'",
                        "close 1 END_OF_CAPTURE", "close 2 END_OF_CAPTURE"),
                tcase("idle connections are looked for at most once a second of capture time",
                        DEFAULTS.withIdleTimeoutNanos(10_000_000_000L), List.of(
                        "C>S 1000 PA 1 'a' t=0", "C2>S 100 PA 1 'b' t=9.5", "C2>S 101 PA 1 'c' t=10.2",
                        "C2>S 102 PA 1 'd' t=10.6"),
                        "open 0 c=10.0.0.1:40000 s=10.0.0.2:1883 PORT", "data 0 c2s 'a'",
                        "open 1 c=10.0.0.1:40001 s=10.0.0.2:1883 PORT", "data 1 c2s 'b'", "data 1 c2s 'c'",
                        "close 0 IDLE", "data 1 c2s 'd'", "close 1 END_OF_CAPTURE"),
                tcase("pure ACKs and keep-alives carry no data", List.of(
                        "S>C 7000 A 300", "C>S 300 A 7000", "S>C 7000 PA 300 'x'", "C>S 299 A 7001 'k'",
                        "C>S 300 A 7001"),
                        "open 0 c=10.0.0.1:40000 s=10.0.0.2:1883 PORT", "data 0 s2c 'x'", "close 0 END_OF_CAPTURE"),
                tcase("bytes cut off by the snap length are a gap, in order or not", afterHandshake(
                        "C>S 1001 PA 5001 'hel' cut=2", "C>S 1011 PA 5001 'ab' cut=3", "C>S 1006 PA 5001 'world'",
                        "C>S 1016 PA 5001 'tail'"),
                        OPEN0, "data 0 c2s 'hel'", "gap 0 c2s 2", "data 0 c2s 'world'", "data 0 c2s 'ab'",
                        "gap 0 c2s 3", "data 0 c2s 'tail'", "close 0 END_OF_CAPTURE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reassembles(Case c) {
        Recorder rec = new Recorder(conn -> conn.server().port() == 80);
        Assembler asm = new Assembler(c.limits(), rec);
        long time = 0;
        long number = 0;
        for (String text : c.in()) {
            Wire.Line line = Wire.parse(text, ++number, time);
            time = line.frame().timeNanos();
            asm.segment(line.frame(), line.segment(), line.cut());
            assertThat(asm.bufferedBytes()).as("buffered after %s", text)
                    .isBetween(0L, c.limits().maxBufferedTotal());
        }
        asm.finish(number + 1, time);
        assertThat(rec.lines).containsExactlyElementsOf(c.out());
        assertThat(asm.bufferedBytes()).isZero();
        assertThat(asm.connectionCount()).isZero();
    }
}
