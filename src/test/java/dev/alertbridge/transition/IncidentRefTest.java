package dev.alertbridge.transition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.ServiceStatus;

/** The reference line: read back as written, public-safe, and the same alert whatever the episode or service. */
class IncidentRefTest {
    private static final String ARN = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:checkout-5xx";
    private static final Instant OPENED = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void aLineIsReadBackAsWrittenWithItsSeverityAndClearTime() {
        IncidentRef ref = IncidentRef.of(opens(OPENED), ServiceStatus.DEGRADED_PERFORMANCE)
                .clearedAt(OPENED.plusSeconds(600));
        IncidentRef read = IncidentRef.find("The service is operating normally.\n" + ref.line()).orElseThrow();
        assertThat(read).isEqualTo(ref);
        assertThat(read.severity()).isEqualTo(ServiceStatus.DEGRADED_PERFORMANCE);
        assertThat(read.clearedAt()).isEqualTo(OPENED.plusSeconds(600));
    }

    @Test
    void theLineNamesNoAlarmAccountOrRegion() {
        String line = IncidentRef.of(opens(OPENED), ServiceStatus.DOWN).line();
        assertThat(line).matches("Ref\\. [0-9A-F]{4}-[0-9A-F]{4} sb3 cw-[0-9a-f]{8}\\.[0-9a-f.]+\\.d")
                .doesNotContain("checkout").doesNotContain("123456789012").doesNotContain("eu-west-1");
    }

    @Test
    void theReferenceACustomerQuotesIsTheSameOnEveryUpdateAndTheLabelSpeaksThePagesLanguage() {
        IncidentRef open = IncidentRef.of(opens(OPENED), ServiceStatus.DOWN);
        IncidentRef clear = IncidentRef.find(open.clearedAt(OPENED.plusSeconds(600)).line("fr")).orElseThrow();
        IncidentRef continued = IncidentRef.of(opens(OPENED.plusSeconds(900)), ServiceStatus.DOWN)
                .under(open.reference());
        assertThat(clear.reference()).isEqualTo(open.reference());
        assertThat(continued.line("it")).startsWith("Rif. " + open.reference() + " sb3 ");
        assertThat(clear.line("fr")).startsWith("Réf. " + open.reference() + " sb3 ");
        assertThat(continued.sameEpisode(open)).isFalse();
    }

    @Test
    void aLineEarlierVersionsWroteIsStillReadAndGivesItsIncidentAReference() {
        IncidentRef read = IncidentRef.find("We are investigating.\n\nRef: sb2.cw-4e52efd4.cc83845cc1da"
                + ".3f877ff94281.p.c1570037680").orElseThrow();
        assertThat(read.severity()).isEqualTo(ServiceStatus.DEGRADED_PERFORMANCE);
        assertThat(read.clearedAt()).isEqualTo(Instant.ofEpochSecond(1570037680));
        assertThat(read.reference()).matches("[0-9A-F]{4}-[0-9A-F]{4}");
        assertThat(read.line()).startsWith("Ref. " + read.reference() + " sb3 cw-4e52efd4.cc83845cc1da.3f877ff94281.p");
    }

    @Test
    void twoEpisodesOfOneAlarmAreOneAlertAndTwoEpisodes() {
        IncidentRef first = IncidentRef.of(opens(OPENED), ServiceStatus.DOWN);
        IncidentRef second = IncidentRef.of(opens(OPENED.plusSeconds(7200)), ServiceStatus.DOWN);
        assertThat(first.sameAlert(second)).isTrue();
        assertThat(first.sameEpisode(second)).isFalse();
        assertThat(first.sameEpisode(IncidentRef.of(opens(OPENED), ServiceStatus.DEGRADED_PERFORMANCE))).isTrue();
    }

    @Test
    void theSameAlarmNameInAnotherAccountIsAnotherAlert() {
        Alert other = Alert.of(AlertSource.CLOUDWATCH, ARN.replace("123456789012", "999999999999"))
                .knownAs(List.of("checkout-5xx")).titled("checkout-5xx").opens("x@" + OPENED, OPENED).at(OPENED);
        assertThat(IncidentRef.of(opens(OPENED), ServiceStatus.DOWN).sameAlert(IncidentRef.of(other,
                ServiceStatus.DOWN))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "Ref: sb2.xx.0123456789ab.0.d", "Ref: sb2.cw.0123456789a.0.d", "sb-0123-4567",
            "We are investigating." })
    void aTextWithoutAValidLineHasNoReference(String text) {
        assertThat(IncidentRef.find(text)).isEmpty();
    }

    private static Alert opens(Instant at) {
        return Alert.of(AlertSource.CLOUDWATCH, ARN).knownAs(List.of("checkout-5xx", ARN)).titled("checkout-5xx")
                .opens(ARN + "@" + at, at).at(at);
    }
}
