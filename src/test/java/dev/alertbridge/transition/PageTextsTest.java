package dev.alertbridge.transition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Templates filled in: an empty value takes its separator with it, so the page never reads "Checkout: ." */
class PageTextsTest {
    private static final Map<String, String> FACTS = Map.of("service", "Checkout", "alert", "ServerCpuTooHigh",
            "description", "", "since", "2019-10-02 17:04 UTC");

    @Test
    void everyPlaceholderIsFilledIn() {
        assertThat(PageTexts.render("{service} ({alert}) since {since}", FACTS))
                .isEqualTo("Checkout (ServerCpuTooHigh) since 2019-10-02 17:04 UTC");
    }

    @Test
    void anEmptyValueLeavesNoDanglingSeparatorBracketOrBlank() {
        assertThat(PageTexts.render("{service}: {description}", FACTS)).isEqualTo("Checkout");
        assertThat(PageTexts.render("{description} – {service} is down.", FACTS)).isEqualTo("Checkout is down.");
        assertThat(PageTexts.render("{service} is down ({description}).", FACTS)).isEqualTo("Checkout is down.");
        assertThat(PageTexts.render("{service} is down {description}.", FACTS)).isEqualTo("Checkout is down.");
    }

    @Test
    void frenchSpacingIsKeptWhereNothingIsEmpty() {
        assertThat(PageTexts.render("{service} : perturbation ; {alert} !", FACTS))
                .isEqualTo("Checkout : perturbation ; ServerCpuTooHigh !");
    }

    /** The README's table of what one alarm puts on the page in each language is what the bridge writes. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(dev.alertbridge.config.Publish.Language.class)
    void theReadmeShowsWhatEachLanguageWrites(dev.alertbridge.config.Publish.Language language) throws Exception {
        var service = new dev.alertbridge.config.LinkedService(new dev.alertbridge.config.ServiceTarget("checkout",
                "Checkout", 101L, null), dev.alertbridge.alert.ServiceStatus.DOWN, dev.alertbridge.config.WriteMode.LIVE,
                new dev.alertbridge.config.Publish(language, null, null, null, null));
        java.time.Instant opened = java.time.Instant.parse("2019-10-02T17:04:40Z");
        java.time.Instant cleared = java.time.Instant.parse("2019-10-02T17:34:40Z");
        String arn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh";
        var alert = dev.alertbridge.alert.Alert.of(dev.alertbridge.alert.AlertSource.CLOUDWATCH, arn)
                .knownAs(java.util.List.of("ServerCpuTooHigh", arn)).titled("ServerCpuTooHigh")
                .described("Goes into alarm when server CPU utilization is too high!").opens(arn + "@" + opened, opened)
                .at(opened);
        IncidentRef ref = IncidentRef.of(alert, dev.alertbridge.alert.ServiceStatus.DOWN);
        PageTexts texts = new PageTexts();
        String title = texts.title(alert, service, dev.alertbridge.alert.ServiceStatus.DOWN, opened);
        String opening = texts.opening(alert, service, dev.alertbridge.alert.ServiceStatus.DOWN, opened, ref);
        String clearing = texts.clearing(alert, service, opened, cleared, java.util.Optional.empty(),
                ref.clearedAt(cleared));
        String suffix = "\n\n" + ref.line();
        assertThat(opening).endsWith(suffix).doesNotContain("ServerCpuTooHigh", "utilization");
        String row = "| `" + language.code() + "` | " + title + " | " + opening.substring(0, opening.length()
                - suffix.length()) + " | " + clearing.substring(0, clearing.indexOf("\n\nRef: ")) + " |";
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("README.md"))).contains(row);
    }
}
