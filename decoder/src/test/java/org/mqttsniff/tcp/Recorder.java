package org.mqttsniff.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.net.RawFrame;

/** Turns listener calls into lines like {@code data 0 c2s 'hello'}, so tests compare lists of strings. */
class Recorder implements Assembler.Listener {
    final List<String> lines = new ArrayList<>();
    final List<ByteSlice> slices = new ArrayList<>();
    final List<Long> frames = new ArrayList<>();
    private final Predicate<TcpConnection> ignore;

    Recorder() {
        this(c -> false);
    }

    Recorder(Predicate<TcpConnection> ignore) {
        this.ignore = ignore;
    }

    @Override
    public void open(TcpConnection c, RawFrame frame) {
        add("open " + c.stream() + " c=" + c.client() + " s=" + c.server() + " " + c.roleBasis(), frame);
        if (ignore.test(c)) {
            c.ignore();
        }
    }

    @Override
    public void data(TcpConnection c, boolean fromClient, ByteSlice bytes, RawFrame frame) {
        if (bytes.isEmpty()) {
            throw new AssertionError("empty data delivered");
        }
        slices.add(bytes);
        add("data " + c.stream() + " " + dir(fromClient) + " '" + bytes.utf8() + "'", frame);
    }

    @Override
    public void gap(TcpConnection c, boolean fromClient, long lostBytes, RawFrame frame) {
        if (lostBytes <= 0) {
            throw new AssertionError("empty gap delivered");
        }
        add("gap " + c.stream() + " " + dir(fromClient) + " " + lostBytes, frame);
    }

    @Override
    public void close(TcpConnection c, CloseReason reason, RawFrame frame) {
        add("close " + c.stream() + " " + reason, frame);
    }

    private void add(String line, RawFrame frame) {
        lines.add(line);
        frames.add(frame.number());
    }

    private static String dir(boolean fromClient) {
        return fromClient ? "c2s" : "s2c";
    }
}
