package org.mqttsniff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code -T json} as {@link Main#main} runs it: lines go to stdout's bytes (from a thread of their
 * own), not through the PrintWriter the other tests capture. Same bytes, same order.
 */
class JsonStdoutTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.mqttsniff.cli.ReadCaptureTest#captures")
    void stdout_bytes_are_the_checked_in_lines(Path pcap) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int exit = run(raw, err, "-r", pcap.toString(), "-T", "json");
        assertThat(exit).isZero();
        assertThat(err.toString()).isEmpty();
        Path expected = Path.of(pcap.toString().replaceAll("\\.pcap$", ".expected.jsonl"));
        assertThat(raw.toString(StandardCharsets.UTF_8)).isEqualTo(Files.readString(expected));
    }

    @Test
    void a_closed_stdout_stops_the_reading_quietly() {
        Path pcap = ReadCaptureTest.SAMPLES.resolve("v311-qos012.pcap");
        ClosesAfterFirstWrite raw = new ClosesAfterFirstWrite();
        StringWriter err = new StringWriter();
        int exit = run(raw, err, "-r", pcap.toString(), "-T", "json");
        assertThat(exit).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(raw.writes).isEqualTo(2); // the one that went through and the one that found the pipe closed
    }

    private static int run(OutputStream raw, StringWriter err, String... args) {
        PrintWriter out = new PrintWriter(raw, false, StandardCharsets.UTF_8);
        int exit = Main.commandLine(new ByteArrayInputStream(new byte[0]), out, raw, new PrintWriter(err), false).execute(args);
        out.flush();
        return exit;
    }

    /** Like a pipe whose reader went away (`| head -1`). */
    private static final class ClosesAfterFirstWrite extends OutputStream {
        int writes;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (++writes > 1) {
                throw new IOException("Broken pipe");
            }
        }
    }
}
