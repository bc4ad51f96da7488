package org.mqttsniff.capture.file;

import java.io.IOException;

/**
 * A capture file that cannot be opened or written: missing, unreadable, not a capture, or a header
 * that makes no sense. The message is one complete sentence, ready to show the user as is.
 */
public final class CaptureFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public CaptureFileException(String message) {
        super(message);
    }

    public CaptureFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
