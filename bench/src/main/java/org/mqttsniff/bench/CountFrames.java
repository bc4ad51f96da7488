package org.mqttsniff.bench;

import java.io.IOException;
import java.nio.file.Path;

import org.mqttsniff.capture.file.CaptureFiles;
import org.mqttsniff.net.FrameSource;

/** Prints how many frames a capture file holds, for frames/s figures. */
public final class CountFrames {
    private CountFrames() {
    }

    public static void main(String[] args) throws IOException {
        long n = 0;
        try (FrameSource s = CaptureFiles.open(Path.of(args[0]))) {
            while (s.next() != null) {
                n++;
            }
        }
        System.out.println(n);
    }
}
