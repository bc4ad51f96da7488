package org.mqttsniff.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

import org.openjdk.jmh.infra.Blackhole;

/**
 * CPU time of one thread per operation for {@link JsonRenderBenchmark#render} ({@code render}),
 * {@link PipelineBenchmark#json} ({@code json}) or {@link PipelineBenchmark#stats} ({@code stats}):
 * the minimum and median over runs after a warm-up. Where perf cannot count instructions (a VM
 * without a PMU) this is the steadiest figure on a shared machine: time spent waiting for a core
 * does not count, only contention for caches does.
 *
 * <pre>java -Xms256m -Xmx256m -cp bench/target/benchmarks.jar org.mqttsniff.bench.CpuPerOp render 60</pre>
 */
public final class CpuPerOp {
    private CpuPerOp() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "render";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        long ops;
        Runnable run;
        if (which.equals("render")) {
            JsonRenderBenchmark b = new JsonRenderBenchmark();
            b.setup();
            ops = JsonRenderBenchmark.EVENTS;
            run = () -> {
                try {
                    b.render(bh);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
        } else if (which.equals("json") || which.equals("stats")) {
            PipelineBenchmark b = new PipelineBenchmark();
            b.setup();
            ops = PipelineBenchmark.FRAMES;
            run = which.equals("json") ? () -> b.json(bh) : () -> bh.consume(b.stats());
        } else {
            throw new IllegalArgumentException("render, json or stats, not " + which);
        }
        for (int i = 0; i < 30; i++) {
            run.run(); // warm-up: C2 has compiled the loop by then
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] ns = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = threads.getCurrentThreadCpuTime();
            run.run();
            ns[i] = (threads.getCurrentThreadCpuTime() - start) / (double) ops;
        }
        Arrays.sort(ns);
        System.out.printf("%s: CPU ns per op: min %.1f, median %.1f (%d runs of %d ops)%n", which, ns[0], ns[runs / 2],
                runs, ops);
    }
}
