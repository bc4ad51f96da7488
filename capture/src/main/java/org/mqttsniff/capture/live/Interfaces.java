package org.mqttsniff.capture.live;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.net.Endpoint;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;

/** The interfaces libpcap can capture on, numbered as {@code tcpdump -D} numbers them. */
public final class Interfaces {

    /**
     * One interface. {@code index} is 1-based, in libpcap's order; {@code description} may be empty
     * (Linux gives one only for pseudo-devices such as {@code any}).
     */
    public record Interface(int index, String name, String description, List<String> addresses, boolean up,
                            boolean running, boolean loopback) {

        /** Like a line of {@code tcpdump -D}, with the addresses after the flags. */
        public String describe() {
            StringBuilder b = new StringBuilder().append(index).append('.').append(name);
            if (!description.isEmpty()) {
                b.append(" (").append(description).append(')');
            }
            List<String> flags = new ArrayList<>();
            flags.add(up ? "Up" : "Down");
            if (running) {
                flags.add("Running");
            }
            if (loopback) {
                flags.add("Loopback");
            }
            b.append(" [").append(String.join(", ", flags)).append(']');
            if (!addresses.isEmpty()) {
                b.append(' ').append(String.join(" ", addresses));
            }
            return b.toString();
        }
    }

    private Interfaces() {
    }

    public static List<Interface> list() throws LiveCaptureException {
        List<PcapNetworkInterface> devs;
        try {
            devs = Libpcap.call(Pcaps::findAllDevs);
        } catch (PcapNativeException e) {
            throw new LiveCaptureException(LiveCaptureException.Kind.FAILED,
                    "cannot list interfaces: " + Libpcap.oneLine(e.getMessage()), e);
        }
        List<Interface> out = new ArrayList<>();
        int index = 1;
        for (PcapNetworkInterface d : devs) {
            List<String> addresses = new ArrayList<>();
            for (PcapAddress a : d.getAddresses()) {
                if (a.getAddress() != null) {
                    addresses.add(text(a.getAddress()));
                }
            }
            out.add(new Interface(index++, d.getName(), d.getDescription() == null ? "" : d.getDescription(),
                    List.copyOf(addresses), d.isUp(), d.isRunning(), d.isLoopBack()));
        }
        return out;
    }

    /**
     * The interface named {@code nameOrIndex}, or numbered so in {@link #list()} (tcpdump's
     * {@code -i 2}); an unknown one is an error that lists the ones there are.
     */
    public static Interface find(String nameOrIndex) throws LiveCaptureException {
        List<Interface> all = list();
        Optional<Interface> byName = all.stream().filter(i -> i.name().equals(nameOrIndex)).findFirst();
        if (byName.isPresent()) {
            return byName.get();
        }
        if (nameOrIndex.matches("[0-9]{1,4}")) {
            int n = Integer.parseInt(nameOrIndex);
            if (n >= 1 && n <= all.size()) {
                return all.get(n - 1);
            }
        }
        String names = all.isEmpty() ? "none (is this process allowed to capture?)"
                : all.stream().map(Interface::name).collect(Collectors.joining(", "));
        throw new LiveCaptureException(LiveCaptureException.Kind.NO_SUCH_INTERFACE,
                "no interface '" + nameOrIndex + "'; available: " + names);
    }

    /** RFC 5952 text for IPv6 ({@code ::1}, not Java's {@code 0:0:0:0:0:0:0:1}), without a scope. */
    private static String text(InetAddress a) {
        return new Endpoint(ByteSlice.wrap(a.getAddress()), 0).host();
    }
}
