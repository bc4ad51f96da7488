package org.mqttsniff.capture.proxy;

/**
 * Time stamps for relayed reads, taken on the event loop the moment bytes were read: the wall
 * clock once, then the monotonic clock, so stamps are cheap, nanosecond-grained and never step
 * back when the system clock is adjusted.
 */
final class Clock {
    private static final long EPOCH_NANOS;
    private static final long BASE;

    static {
        java.time.Instant now = java.time.Instant.now();
        BASE = System.nanoTime();
        EPOCH_NANOS = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private Clock() {
    }

    static long now() {
        return EPOCH_NANOS + (System.nanoTime() - BASE);
    }
}
