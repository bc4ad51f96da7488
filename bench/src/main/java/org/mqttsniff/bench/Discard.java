package org.mqttsniff.bench;

import java.io.OutputStream;

import org.openjdk.jmh.infra.Blackhole;

/** /dev/null that the JIT cannot see through: what the benchmarks write JSON lines to. */
final class Discard extends OutputStream {
    private final Blackhole bh;

    Discard(Blackhole bh) {
        this.bh = bh;
    }

    @Override
    public void write(int b) {
        bh.consume(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        bh.consume(b[off + len - 1]);
    }
}
