package dev.alertbridge.transition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.Publish;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.config.WriteMode;

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
    @org.junit.jupiter.params.provider.EnumSource(Publish.Language.class)
    void theReadmeShowsWhatEachLanguageWrites(Publish.Language language) throws Exception {
        var service = new LinkedService(new ServiceTarget("checkout",
                "Checkout", 101L, null), ServiceStatus.DOWN, WriteMode.LIVE,
                new Publish(language, null, null, null, null));
        Instant opened = Instant.parse("2019-10-02T17:04:40Z");
        Instant cleared = Instant.parse("2019-10-02T17:34:40Z");
        String arn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh";
        var alert = Alert.of(AlertSource.CLOUDWATCH, arn)
                .knownAs(List.of("ServerCpuTooHigh", arn)).titled("ServerCpuTooHigh")
                .described("Goes into alarm when server CPU utilization is too high!").opens(arn + "@" + opened, opened)
                .at(opened);
        IncidentRef ref = IncidentRef.of(alert, ServiceStatus.DOWN);
        PageTexts texts = new PageTexts();
        String title = texts.title(alert, service, ServiceStatus.DOWN, opened);
        String opening = texts.opening(alert, service, ServiceStatus.DOWN, opened, ref);
        String clearing = texts.clearing(alert, service, opened, cleared, Optional.empty(),
                ref.clearedAt(cleared));
        String suffix = "\n\n" + ref.line(language.code());
        assertThat(opening).endsWith(suffix).doesNotContain("ServerCpuTooHigh", "utilization");
        String row = "| `" + language.code() + "` | " + title + " | " + opening.substring(0, opening.length()
                - suffix.length()) + " | " + clearing.substring(0, clearing.lastIndexOf("\n\n")) + " |";
        assertThat(Files.readString(Path.of("README.md"))).contains(row);
    }
}
