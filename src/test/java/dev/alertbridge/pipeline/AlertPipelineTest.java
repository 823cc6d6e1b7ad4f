package dev.alertbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.AlertLinks;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.BridgeSettings;
import dev.alertbridge.config.ServiceLink;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.config.StatusHubAccount;
import dev.alertbridge.event.Adapted;
import dev.alertbridge.report.InvocationReport;
import dev.alertbridge.report.InvocationReport.Result;
import dev.alertbridge.statushub.StatusHubGateway;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The pipeline (links → look up → plan → apply → report) in milliseconds, with no Lambda and no HTTP: the dry-run
 * store is the in-memory StatusHub, remembering what it would have made.
 */
class AlertPipelineTest {
    private static final Instant T0 = Instant.parse("2024-09-01T08:00:00Z");
    private static final BridgeConfig CONFIG = BridgeConfig.of(
            Optional.of(new StatusHubAccount(URI.create("https://acme.app.statushub.io/api/v3"), "k", "acme")),
            Optional.empty(), Map.of("checkout", ServiceTarget.viaApi("checkout", "Checkout", 101L)),
            List.of(ServiceLink.of("checkout-*", null, null, List.of("checkout"))));

    private final AlertPipeline pipeline = new AlertPipeline(new StatusHubGateway(dryRun(), new ObjectMapper()));

    @Test
    void dispatch_twoAlarmsOnOneService_keepItDownUntilTheLastClears() {
        assertThat(results(open("checkout-5xx", T0))).containsExactly(Result.CREATED);
        assertThat(results(open("checkout-db", T0.plusSeconds(60)))).containsExactly(Result.CREATED);

        InvocationReport first = dispatch(clear("checkout-5xx", T0.plusSeconds(600)));
        assertThat(results(first)).containsExactly(Result.UPDATED);
        assertThat(first.alerts().get(0).services().get(0).request()).contains("\"status\":\"down\"")
                .contains("Checkout is still affected by another ongoing incident");

        InvocationReport last = dispatch(clear("checkout-db", T0.plusSeconds(900)));
        assertThat(last.alerts().get(0).services().get(0).request()).contains("\"status\":\"up\"");
    }

    @Test
    void dispatch_anOpenWhileTheAlertsIncidentIsOpen_continuesIt() {
        dispatch(open("checkout-api", T0));
        InvocationReport again = dispatch(open("checkout-api", T0.plusSeconds(1200)));
        assertThat(results(again)).containsExactly(Result.UNCHANGED);
        assertThat(again.alerts().get(0).services().get(0).why()).endsWith("already open");
    }

    private InvocationReport dispatch(Alert alert) {
        return pipeline.run(new Adapted(List.of(alert), List.of()), CONFIG, AlertLinks.of(CONFIG.links()),
                Deadline.in(Duration.ofSeconds(10), Clock.systemUTC()), alert.at(), true);
    }

    private List<Result> results(Alert alert) {
        return results(dispatch(alert));
    }

    private static List<Result> results(InvocationReport report) {
        return report.alerts().get(0).services().stream().map(InvocationReport.ServiceOutcome::result).toList();
    }

    private static Alert open(String name, Instant at) {
        String arn = "arn:aws:cloudwatch:eu-west-1:1:alarm:" + name;
        return Alert.of(AlertSource.CLOUDWATCH, arn).knownAs(List.of(name, arn)).titled(name)
                .opens(arn + "@" + at, at).at(at);
    }

    private static Alert clear(String name, Instant at) {
        String arn = "arn:aws:cloudwatch:eu-west-1:1:alarm:" + name;
        return Alert.of(AlertSource.CLOUDWATCH, arn).knownAs(List.of(name, arn)).titled(name).clears("", null).at(at);
    }

    /** The function's settings as the application reads them (defaults, durations as "30s"), in dry run. */
    private static BridgeSettings dryRun() {
        return new SmallRyeConfigBuilder().withMapping(BridgeSettings.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValue("bridge.dry-run", "true").build().getConfigMapping(BridgeSettings.class);
    }
}
