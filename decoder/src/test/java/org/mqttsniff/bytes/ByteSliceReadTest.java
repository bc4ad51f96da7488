package org.mqttsniff.bytes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The network-order readers the link/IP/TCP parser uses, on a slice that does not start at 0. */
class ByteSliceReadTest {
    final ByteSlice s = ByteSlice.fromHex("ee 01 02 ff fe 80 00 00 01 ee").slice(1, 9);

    @Test
    void reads_big_endian_unsigned_values() {
        assertThat(s.getU16(0)).isEqualTo(0x0102);
        assertThat(s.getU16(2)).isEqualTo(0xFFFE);
        assertThat(s.getU32(2)).isEqualTo(0xFFFE_8000L);
        assertThat(s.getInt(2)).isEqualTo(0xFFFE_8000);
        assertThat(s.getU32(4)).isEqualTo(0x8000_0001L);
    }

    @Test
    void reads_stay_inside_the_slice() {
        assertThatThrownBy(() -> s.getU16(7)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> s.getU32(5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> s.getInt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> s.copyTo(6, 9, new byte[8], 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void copies_a_range_without_a_sub_slice() {
        byte[] dest = new byte[4];
        s.copyTo(2, 5, dest, 1);
        assertThat(dest).containsExactly(0, 0xFF, 0xFE, 0x80);
    }
}
