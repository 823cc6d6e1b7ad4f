package dev.alertbridge.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void parse_everyFormatTheSourcesSend_givesTheSameInstantInUtc() {
        assertThat(Timestamps.parse("2019-10-02T17:04:40.989+0000", "x"))
                .isEqualTo(Instant.parse("2019-10-02T17:04:40.989Z"));
        assertThat(Timestamps.parse("2021-10-12T09:51:03.157076+02:00", "x"))
                .isEqualTo(Instant.parse("2021-10-12T07:51:03.157076Z"));
        assertThat(Timestamps.parse("2018-11-08T16:26:58", "x")).isEqualTo(Instant.parse("2018-11-08T16:26:58Z"));
        assertThat(Timestamps.parse("2023-08-04T12: 36: 15.490+0000", "x"))
                .isEqualTo(Instant.parse("2023-08-04T12:36:15.490Z"));
        assertThat(Timestamps.parse("2025-01-02T05:39:21.000Z", "x")).isEqualTo(Instant.parse("2025-01-02T05:39:21Z"));
    }

    @Test
    void parse_goZeroTime_isUnset() {
        assertThat(Timestamps.isUnset(Timestamps.parse("0001-01-01T00:00:00Z", "x"))).isTrue();
    }

    @Test
    void parse_garbage_namesWhereAndAShortExcerpt() {
        assertThatThrownBy(() -> Timestamps.parse("yesterday at noon", "$.startsAt"))
                .isInstanceOf(BadEventException.class)
                .hasMessage("$.startsAt: not a timestamp: 'yesterday at noon'");
    }
}
