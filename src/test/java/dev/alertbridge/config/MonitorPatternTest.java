package dev.alertbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which monitors a link's {@code monitor} names. */
class MonitorPatternTest {

    @ParameterizedTest(name = "''{0}'' matches ''{1}'': {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ServerCpuTooHigh   | ServerCpuTooHigh                                         | true
            ServerCpuTooHigh   | servercputoohigh                                         | true
            ServerCpuTooHigh   | ServerCpuTooHigh2                                        | false
            Checkout-*         | Checkout-5xx                                             | true
            Checkout-*         | Checkout-                                                | true
            Checkout-*         | checkout-prod-db                                         | true
            Checkout-*         | Search-5xx                                               | false
            *-prod             | payments-prod                                            | true
            *-prod             | payments-prod-eu                                         | false
            *                  | anything at all                                          | true
            a*b*c              | aXXbYYc                                                  | true
            a*b*c              | aXXcYYb                                                  | false
            **                 | x                                                        | true
            Disk Full *        | disk full on db-1                                        | true
            arn:aws:cloudwatch:*:alarm:Checkout-* | arn:aws:cloudwatch:eu-west-1:123456789012:alarm:Checkout-db | true
            arn:aws:cloudwatch:*:alarm:Checkout-* | arn:aws:cloudwatch:eu-west-1:123456789012:alarm:Search-db   | false
            849b2046-213d-43ad-9efc-5af1faaeb222 | 849B2046-213D-43AD-9EFC-5AF1FAAEB222                | true
            """)
    void aPatternMatchesWhatItSaysIgnoringCase(String pattern, String monitor, boolean matches) {
        assertThat(new MonitorPattern(pattern).matches(monitor)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "''{0}'' matches ''{1}'' with its case: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            checkout-*         | checkout-5xx      | true
            checkout-*         | Checkout-5xx      | false
            *-prod             | payments-PROD     | false
            *                  | Anything          | true
            """)
    void aPattern_comparedWithCase_matchesOnlyAsWritten(String pattern, String monitor, boolean matches) {
        assertThat(new MonitorPattern(pattern).matchesWithCase(monitor)).isEqualTo(matches);
    }
}
