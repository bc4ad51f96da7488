package org.mqttsniff.capture.file;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.mqttsniff.net.FrameSource;
import org.mqttsniff.net.RawFrame;

/** What the pcap and pcapng readers share: the input, the warnings met, and the end of reading. */
abstract class FileSource implements FrameSource {
    final Input in;
    final List<String> warnings = new ArrayList<>();
    boolean done;

    FileSource(Input in) {
        this.in = in;
    }

    /** Ends reading: every later {@link #next()} returns null. */
    RawFrame stop() {
        done = true;
        return null;
    }

    @Override
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    @Override
    public double progress() {
        return done ? 1.0 : in.progress();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
