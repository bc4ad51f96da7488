package org.mqttsniff.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mqttsniff.bytes.ByteSlice;

/** Endpoint text: dotted quad, and IPv6 as RFC 5952 §4 recommends. */
class EndpointTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "7f000001                         | 127.0.0.1:1883",
        "ffffffff                         | 255.255.255.255:1883",
        "00000000000000000000000000000001 | [::1]:1883",
        "00000000000000000000000000000000 | [::]:1883",
        "fe800000000000000000000000000001 | [fe80::1]:1883",
        "20010db8000000000001000000000001 | [2001:db8::1:0:0:1]:1883",      // first of two equal runs (§4.2.3)
        "20010db8000000010001000100010001 | [2001:db8:0:1:1:1:1:1]:1883",  // one zero group stays (§4.2.2)
        "20010db800000000000100000000abcd | [2001:db8::1:0:0:abcd]:1883",
        "20010db8000100000000000000000000 | [2001:db8:1::]:1883",
        "00010000000000000000000000000000 | [1::]:1883",
        "20010DB8AAAA0000000000000000BBBB | [2001:db8:aaaa::bbbb]:1883",   // lower case (§4.3)
        "00000000000000000000ffffc0000201 | [::ffff:c000:201]:1883",
    })
    void prints_as_rfc_5952(String hex, String text) {
        assertThat(new Endpoint(ByteSlice.fromHex(hex), 1883)).hasToString(text);
    }
}
