package dev.alertbridge.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlarmArnTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-5xx | us-east-1:123456789012 | checkout-5xx",
            "arn:aws:cloudwatch:us-east-1: 444455556666:alarm:EC2 CPU: high | us-east-1:444455556666 | EC2 CPU: high",
            "arn:aws-cn:cloudwatch:cn-north-1:123456789012:alarm:a:b:c | cn-north-1:123456789012 | a:b:c",
    })
    void parse_anAlarmsArn_shouldGiveWhereItLivesAndItsWholeName(String text, String where, String name) {
        AlarmArn arn = AlarmArn.parse(text).orElseThrow();
        assertThat(arn.regionAndAccount()).isEqualTo(where);
        assertThat(arn.name()).isEqualTo(name);
        assertThat(arn.sameAs(arn.toString().toUpperCase())).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "checkout-5xx", "arn:aws:sns:us-east-1:123456789012:alarms",
            "arn:aws:cloudwatch:us-east-1::alarm:x", "arn:aws:cloudwatch:us-east-1:123456789012:alarm" })
    void parse_otherText_shouldBeEmpty(String text) {
        assertThat(AlarmArn.parse(text)).isEqualTo(Optional.empty());
    }
}
