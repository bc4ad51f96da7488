package org.mqttsniff.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wireshark's tshark as an independent oracle for the sample captures: per frame, the MQTT packets
 * tshark decodes must be the ones {@code mqttsniff -r X -T json} reports, compared as multisets of
 * (frame, type, packet id, topics, payload size).
 *
 * <p>"topics" are a PUBLISH's topic, the filters of a SUBSCRIBE or UNSUBSCRIBE and the will topic of a
 * CONNECT; "payload size" is a PUBLISH's payload or a CONNECT's will message. Both tools report a
 * packet at the frame that brought its last byte, so the frame is part of the key.
 *
 * <p>tshark runs once per capture, all captures at once, and writes PDML, which keeps
 * each MQTT PDU of a frame in its own {@code <proto name="mqtt">} element: several PDUs in one frame
 * stay apart, and no field separator can clash with a '/' or '|' in a topic. Payload sizes come from
 * the {@code size} attribute of the message field, not from its hex text. Skipped, with a line saying
 * so, where tshark is not installed; CI installs it (.ci/run).
 */
class TsharkOracleTest {
    /** mqtt.msgtype → the names mqttsniff writes, spelled out so the oracle does not share the decoder's table. */
    private static final String[] TYPES = {"RESERVED", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL",
        "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "AUTH"};

    private static final String NO_TSHARK = "tshark not found on PATH: install Debian's tshark to run the oracle test";

    @TempDir
    static Path tmp;
    private static Optional<Path> tshark = Optional.empty();
    private static final Map<Path, TsharkRun> RUNS = new HashMap<>();

    private record TsharkRun(Path pcap, Process process, Path pdml, Path err) {
    }

    /** One MQTT packet as either tool sees it; {@code id} and {@code payloadSize} are -1 when the packet has none. */
    record Row(long frame, String type, long id, List<String> topics, long payloadSize) {
        static final Comparator<Row> ORDER = Comparator.comparingLong(Row::frame).thenComparing(Row::type)
                .thenComparingLong(Row::id).thenComparing(r -> String.join(" ", r.topics()))
                .thenComparingLong(Row::payloadSize);

        String cells() {
            return String.format("%6d  %-11s %5s  %-32s %7s", frame, type, id < 0 ? "-" : Long.toString(id),
                    topics.isEmpty() ? "-" : String.join(" ", topics),
                    payloadSize < 0 ? "-" : Long.toString(payloadSize));
        }
    }

    static Stream<Path> captures() throws IOException {
        return ReadCaptureTest.realCaptures();
    }

    @BeforeAll
    static void startTsharkOnEveryCapture() throws IOException {
        tshark = onPath("tshark");
        if (tshark.isEmpty()) {
            System.out.println("TsharkOracleTest skipped: " + NO_TSHARK); // once, not once per capture
            return;
        }
        // tshark takes about half a second to start: run it once per capture, all at the same time
        for (Path pcap : captures().toList()) {
            RUNS.put(pcap, startTshark(pcap));
        }
    }

    @AfterAll
    static void stopTshark() {
        RUNS.values().forEach(r -> r.process().destroyForcibly()); // only ones a failed test did not wait for
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void tshark_and_mqttsniff_see_the_same_packets_in_each_frame(Path pcap) throws Exception {
        // assumed here rather than in @BeforeAll, so the report counts each capture as skipped
        Assumptions.assumeTrue(tshark.isPresent(), NO_TSHARK);
        List<Row> theirs = tsharkRows(RUNS.get(pcap));
        List<Row> ours = mqttsniffRows(pcap);
        // a capture tshark finds no MQTT in would make the comparison empty, and prove nothing
        assertThat(theirs).as("MQTT packets tshark decodes in %s", pcap).isNotEmpty();

        Map<Row, Integer> count = new HashMap<>();
        theirs.forEach(r -> count.merge(r, 1, Integer::sum));
        ours.forEach(r -> count.merge(r, -1, Integer::sum));
        List<String> table = new ArrayList<>();
        count.entrySet().stream().filter(e -> e.getValue() != 0)
                .sorted(Map.Entry.comparingByKey(Row.ORDER))
                .forEach(e -> {
                    String side = e.getValue() > 0 ? "tshark only" : "mqttsniff only";
                    for (int i = 0; i < Math.abs(e.getValue()); i++) {
                        table.add(String.format("  %-15s %s", side, e.getKey().cells()));
                    }
                });
        if (!table.isEmpty()) {
            String header = String.format("  %-15s %6s  %-11s %5s  %-32s %7s", "", "frame", "type", "id", "topics",
                    "payload");
            fail(String.format("%s: %d packet(s) differ between tshark and mqttsniff%n%s%n%s", pcap.getFileName(),
                    table.size(), header, String.join(System.lineSeparator(), table)));
        }
    }

    private static List<Row> mqttsniffRows(Path pcap) {
        Cli.Result r = Cli.run("-r", pcap.toString(), "-T", "json");
        assertThat(r.exit()).as("mqttsniff exit code; stderr: %s", r.err()).isZero();
        List<Row> rows = new ArrayList<>();
        for (String line : r.outLines()) {
            Map<String, Object> e = MiniJson.object(line);
            if (!"packet".equals(e.get("event"))) {
                continue;
            }
            List<String> topics = new ArrayList<>();
            long payload = -1;
            if (e.get("topic") instanceof String t) {
                topics.add(t);
            }
            if (e.get("payloadSize") instanceof Long n) {
                payload = n;
            }
            if (e.get("subscriptions") instanceof List<?> subs) {
                subs.forEach(s -> topics.add((String) ((Map<?, ?>) s).get("filter")));
            }
            if (e.get("filters") instanceof List<?> filters) {
                filters.forEach(f -> topics.add((String) f));
            }
            if (e.get("will") instanceof Map<?, ?> will) {
                topics.add((String) will.get("topic"));
                payload = (Long) will.get("payloadSize");
            }
            rows.add(new Row((Long) e.get("frame"), (String) e.get("type"),
                    e.get("id") instanceof Long id ? id : -1, List.copyOf(topics), payload));
        }
        return rows;
    }

    private static TsharkRun startTshark(Path pcap) throws IOException {
        String name = pcap.getFileName().toString();
        Path pdml = tmp.resolve(name + ".pdml");
        Path err = tmp.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(tshark.orElseThrow().toString(), "-n", "-r", pcap.toString(),
                "-d", "tcp.port==1883,mqtt", "-Y", "mqtt", "-T", "pdml")
                .redirectOutput(pdml.toFile()).redirectError(err.toFile());
        // an empty personal configuration, so a developer's Wireshark preferences cannot change the decode
        Path config = Files.createDirectories(tmp.resolve("wireshark-config"));
        pb.environment().put("WIRESHARK_CONFIG_DIR", config.toString());
        return new TsharkRun(pcap, pb.start(), pdml, err);
    }

    private static List<Row> tsharkRows(TsharkRun run) throws IOException, InterruptedException, XMLStreamException {
        if (!run.process().waitFor(60, TimeUnit.SECONDS)) {
            fail("tshark did not finish within 60 s on " + run.pcap());
        }
        assertThat(run.process().exitValue()).as("tshark exit code; stderr: %s", Files.readString(run.err())).isZero();
        try (InputStream in = Files.newInputStream(run.pdml())) {
            return pdmlRows(in);
        }
    }

    /**
     * Reads PDML: {@code <packet>} per frame, holding {@code <proto name="mqtt">} per MQTT PDU, whose
     * {@code <field name=".." show=".." size="..">} elements may nest (mqtt.msgtype sits under mqtt.hdrflags).
     */
    private static List<Row> pdmlRows(InputStream in) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XMLStreamReader x = f.createXMLStreamReader(in);
        List<Row> rows = new ArrayList<>();
        long frame = -1;
        int depth = 0;
        int mqttDepth = -1; // depth of the open <proto name="mqtt">, or -1 outside one
        String type = null;
        long id = -1;
        long payload = -1;
        List<String> topics = new ArrayList<>();
        while (x.hasNext()) {
            int ev = x.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String name = x.getAttributeValue(null, "name");
                String show = x.getAttributeValue(null, "show");
                if (x.getLocalName().equals("proto") && "mqtt".equals(name)) {
                    mqttDepth = depth;
                    type = null;
                    id = -1;
                    payload = -1;
                    topics = new ArrayList<>();
                } else if (x.getLocalName().equals("field") && name != null) {
                    if (name.equals("frame.number")) {
                        frame = Long.parseLong(show);
                    } else if (mqttDepth > 0) {
                        switch (name) {
                            case "mqtt.msgtype" -> type = TYPES[Integer.parseInt(show)];
                            case "mqtt.msgid" -> id = Long.parseLong(show);
                            case "mqtt.topic", "mqtt.willtopic" -> topics.add(show);
                            // the bytes field's size, not its text: tshark prints bytes as "6f:6e:.."
                            case "mqtt.msg", "mqtt.msg_text", "mqtt.willmsg", "mqtt.willmsg_text" ->
                                    payload = Long.parseLong(x.getAttributeValue(null, "size"));
                            default -> { }
                        }
                    }
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                if (depth == mqttDepth) {
                    if (type == null) {
                        throw new IllegalStateException("frame " + frame + ": an MQTT PDU without mqtt.msgtype");
                    }
                    // tshark adds no message field for an empty payload or will message
                    if (payload < 0 && (type.equals("PUBLISH") || !topics.isEmpty() && type.equals("CONNECT"))) {
                        payload = 0;
                    }
                    rows.add(new Row(frame, type, id, List.copyOf(topics), payload));
                    mqttDepth = -1;
                }
                depth--;
            }
        }
        return rows;
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
