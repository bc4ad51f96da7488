package org.mqttsniff.capture.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mqttsniff.net.LinkType;

class DataLinksTest {

    @Test
    void maps_libpcap_dlt_values_to_the_link_types_files_carry() {
        assertThat(DataLinks.linkType(1)).hasValue(LinkType.ETHERNET);
        assertThat(DataLinks.linkType(113)).hasValue(LinkType.LINUX_SLL);
        assertThat(DataLinks.linkType(276)).hasValue(LinkType.LINUX_SLL2);
        assertThat(DataLinks.linkType(0)).hasValue(LinkType.NULL);
        assertThat(DataLinks.linkType(108)).hasValue(LinkType.LOOP);
        // DLT_RAW is 12 on Linux and 14 on some BSDs; a pcap file calls it LINKTYPE_RAW 101
        assertThat(DataLinks.linkType(12)).hasValue(LinkType.RAW);
        assertThat(DataLinks.linkType(14)).hasValue(LinkType.RAW);
        assertThat(DataLinks.linkType(228)).hasValue(LinkType.IPV4);
        assertThat(DataLinks.linkType(229)).hasValue(LinkType.IPV6);
    }

    @Test
    void a_link_the_decoder_cannot_read_maps_to_nothing() {
        assertThat(DataLinks.linkType(127)).isEmpty(); // 802.11 radiotap
        assertThat(DataLinks.linkType(254)).isEmpty(); // netlink
    }

    @Test
    void capture_filter_from_ports_is_the_one_tcpdump_would_be_given() {
        assertThat(Bpf.forPorts(List.of(1883))).isEqualTo("tcp port 1883");
        assertThat(Bpf.forPorts(List.of(1883, 8883))).isEqualTo("tcp and (port 1883 or port 8883)");
        assertThat(Bpf.forPorts(List.of(1883, 1883, 8883))).isEqualTo("tcp and (port 1883 or port 8883)");
    }
}
