package org.mqttsniff.capture.live;

import org.pcap4j.core.PcapNativeException;

/**
 * The first call into pcap4j loads libpcap through JNA; when the library is missing that call
 * fails with a {@link LinkageError} (the first time an {@link UnsatisfiedLinkError} or an
 * ExceptionInInitializerError, later a NoClassDefFoundError). Every call goes through here, so that
 * a missing library is one clear error and not an Error thrown through the program.
 */
final class Libpcap {
    /** The package that provides libpcap on Debian and Ubuntu. */
    static final String DEBIAN_PACKAGE = "libpcap0.8";

    interface Call<T> {
        T run() throws PcapNativeException;
    }

    private Libpcap() {
    }

    static <T> T call(Call<T> call) throws PcapNativeException, LiveCaptureException {
        try {
            return call.run();
        } catch (LinkageError e) {
            throw missing(e);
        }
    }

    static LiveCaptureException missing(LinkageError e) {
        return new LiveCaptureException(LiveCaptureException.Kind.NO_LIBPCAP,
                "libpcap could not be loaded; install it (Debian/Ubuntu: apt-get install " + DEBIAN_PACKAGE
                        + "; Fedora: dnf install libpcap; macOS has it)", e);
    }

    static String oneLine(String s) {
        if (s == null || s.isBlank()) {
            return "unknown error";
        }
        return s.replaceAll("\\s+", " ").strip();
    }
}
