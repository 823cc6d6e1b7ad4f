package dev.alertbridge.transition;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.MaintenancePolicy;
import dev.alertbridge.config.PagePolicy;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.config.WriteMode;

/** The pure core: what one alert does to one service, given the incidents StatusHub shows there. */
class TransitionPlannerTest {
    private static final Instant OPENED = Instant.parse("2024-01-01T10:00:00.500Z");
    private static final Instant CLEARED = Instant.parse("2024-01-01T10:30:00Z");
    private static final String ARN = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:cpu";
    private static final ServiceTarget CHECKOUT_TARGET = ServiceTarget.viaApi("checkout", "Checkout", 101L);
    private static final LinkedService CHECKOUT = LinkedService.of(CHECKOUT_TARGET, ServiceStatus.DOWN,
            WriteMode.LIVE);
    private static final LinkedService WIDGET = LinkedService.of(ServiceTarget.viaHook("widget", "Widget",
            URI.create("https://hooks.statushub.io/hooks/generic?token=t")), ServiceStatus.DOWN, WriteMode.LIVE);

    private final TransitionPlanner planner = new TransitionPlanner(new PageTexts());

    @Test
    void anOpenWithNothingShownCreatesDownAndInvestigatingAtTheAlertsStart() {
        Transition t = only(plan(opens(), List.of()));
        assertThat(t).isInstanceOfSatisfying(Transition.Create.class, create -> {
            assertThat(create.draft().type()).isEqualTo(IncidentType.INVESTIGATING);
            assertThat(create.draft().status()).isEqualTo(ServiceStatus.DOWN);
            assertThat(create.draft().time()).isEqualTo(Instant.parse("2024-01-01T10:00:00Z"));
            assertThat(create.draft().body()).endsWith(IncidentRef.of(opens(), ServiceStatus.DOWN).line())
                    .doesNotContain("123456789012").doesNotContain(ARN);
        });
    }

    @Test
    void anOpenWhileItsIncidentIsOpenChangesNothing() {
        assertThat(only(plan(opens(), List.of(bridge("7", opens(), IncidentType.IDENTIFIED)))))
                .isInstanceOfSatisfying(Transition.Unchanged.class, u -> assertThat(u.incidentId()).isEqualTo("7"));
    }

    @Test
    void aClearOfAnIncidentAPersonSetIdentifiedMovesItToMonitoringAndReleasesTheService() {
        HubIncident identified = bridge("7", opens(), IncidentType.INVESTIGATING)
                .with(personUpdate(IncidentType.IDENTIFIED, ServiceStatus.DOWN));
        Transition t = only(plan(clears(), List.of(identified)));
        assertThat(t).isInstanceOfSatisfying(Transition.Update.class, u -> {
            assertThat(u.incidentId()).isEqualTo("7");
            assertThat(u.draft().type()).isEqualTo(IncidentType.MONITORING);
            assertThat(u.draft().status()).isEqualTo(ServiceStatus.UP);
        });
    }

    @Test
    void aClearKeepsTheServiceAtThePersonsStatusWhileTheirIncidentIsOpen() {
        HubIncident persons = person("9", IncidentType.IDENTIFIED, ServiceStatus.DEGRADED_PERFORMANCE);
        Transition t = only(plan(clears(), List.of(bridge("7", opens(), IncidentType.INVESTIGATING), persons)));
        assertThat(t).isInstanceOfSatisfying(Transition.Update.class, u -> {
            assertThat(u.draft().status()).isEqualTo(ServiceStatus.DEGRADED_PERFORMANCE);
            assertThat(u.draft().body()).contains("Checkout is still affected by another ongoing incident");
        });
    }

    @Test
    void aPersonsIncidentInMonitoringHoldsNothing() {
        HubIncident persons = person("9", IncidentType.MONITORING, ServiceStatus.DOWN);
        Transition t = only(plan(clears(), List.of(bridge("7", opens(), IncidentType.INVESTIGATING), persons)));
        assertThat(((Transition.Update) t).draft().status()).isEqualTo(ServiceStatus.UP);
    }

    @Test
    void aNewIncidentNeverLowersWhatAPersonHolds() {
        LinkedService degrades = LinkedService.of(CHECKOUT_TARGET, ServiceStatus.DEGRADED_PERFORMANCE,
                WriteMode.LIVE);
        Transition t = only(planner.plan(opens(), degrades, ServiceView.of(opens(), CHECKOUT_TARGET,
                List.of(person("9", IncidentType.INVESTIGATING, ServiceStatus.DOWN)))));
        assertThat(((Transition.Create) t).draft().status()).isEqualTo(ServiceStatus.DOWN);
    }

    @Test
    void aPersonWhoReopensTheirResolvedIncidentMakesItOpenAgainAndTheClearEndsIt() {
        HubIncident reopened = bridge("7", opens(), IncidentType.INVESTIGATING)
                .with(personUpdate(IncidentType.RESOLVED, ServiceStatus.UP))
                .with(personUpdate(IncidentType.INVESTIGATING, ServiceStatus.DOWN));
        assertThat(reopened.open()).isTrue();
        assertThat(reopened.resolvedByPerson()).isFalse();
        assertThat(only(plan(clears(), List.of(reopened)))).isInstanceOf(Transition.Update.class);
    }

    @Test
    void anAlarmToAlarmUpdateAfterAPersonResolvedOpensNothing() {
        HubIncident resolved = bridge("7", opens(), IncidentType.INVESTIGATING)
                .with(personUpdate(IncidentType.RESOLVED, ServiceStatus.UP));
        Alert stillInAlarm = Alert.of(AlertSource.CLOUDWATCH, ARN).knownAs(List.of("cpu", ARN)).titled("cpu")
                .continues("", null).at(CLEARED);
        assertThat(only(plan(stillInAlarm, List.of(resolved)))).isInstanceOf(Transition.Skip.class);
    }

    @Test
    void aLateOpenOfAnEpisodeAlreadyClearedChangesNothing() {
        HubIncident cleared = bridge("7", opens(), IncidentType.INVESTIGATING)
                .with(new HubIncident.Update(IncidentType.MONITORING,
                        "cleared\n" + IncidentRef.of(opens(), ServiceStatus.DOWN).clearedAt(CLEARED).line(),
                        Map.of(101L, ServiceStatus.UP), null));
        assertThat(only(plan(opens(), List.of(cleared)))).isInstanceOf(Transition.Unchanged.class);
    }

    @Test
    void aClearOlderThanTheIncidentLeavesIt() {
        Alert later = Alert.of(AlertSource.CLOUDWATCH, ARN).knownAs(List.of("cpu", ARN)).titled("cpu")
                .opens(ARN + "@" + CLEARED.plusSeconds(60), CLEARED.plusSeconds(60)).at(CLEARED.plusSeconds(60));
        assertThat(only(plan(clears(), List.of(bridge("8", later, IncidentType.INVESTIGATING)))))
                .isInstanceOf(Transition.Skip.class);
    }

    @Test
    void anIntegrationUrlClearWithoutItsEpisodeIsSkipped() {
        Alert clear = Alert.of(AlertSource.CLOUDWATCH, ARN).knownAs(List.of("cpu")).titled("cpu").clears("", null)
                .at(CLEARED);
        assertThat(only(planner.plan(clear, WIDGET, new ServiceView.WriteOnly(Optional.empty(), Optional.empty()))))
                .isInstanceOf(Transition.Skip.class);
    }

    /**
     * The rules the page policy brings, one row each: {@code holdDown} (CloudWatch alarms only), {@code reopenWithin}
     * (a flap continues the incident the bridge cleared, unless a person resolved it) and {@code maintenance}. The
     * alarm's period began at 10:00:00.500, its first incident was cleared at 10:30.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("policyRules")
    void plan_underAPagePolicy_followsItsRule(String rule, PagePolicy policy, Alert alert, List<HubIncident> shown,
            Optional<HubMaintenance> maintenance, Instant now, String expected) {
        LinkedService checkout = new LinkedService(CHECKOUT_TARGET, ServiceStatus.DOWN, WriteMode.LIVE, policy);
        ServiceView view = ServiceView.of(alert, CHECKOUT_TARGET, shown).inMaintenance(maintenance);

        assertThat(described(only(planner.plan(alert, checkout, view, now)))).startsWith(expected);
    }

    static Stream<Arguments> policyRules() {
        PagePolicy holds5m = policy("5m", null, null);
        PagePolicy reopens30m = policy(null, "30m", null);
        HubIncident cleared = bridge("7", opens(), IncidentType.INVESTIGATING).with(new HubIncident.Update(
                IncidentType.MONITORING, "cleared\n" + IncidentRef.of(opens(), ServiceStatus.DOWN).clearedAt(CLEARED)
                        .line(),
                Map.of(101L, ServiceStatus.UP), null));
        Optional<HubMaintenance> upgrade = Optional.of(new HubMaintenance("Database upgrade",
                Instant.parse("2024-01-01T12:00:00Z"), Set.of(101L)));
        Instant at1002 = OPENED.plus(Duration.ofMinutes(2));
        return Stream.of(
                Arguments.of("held: the hold has not passed", holds5m, opens(), List.of(), Optional.empty(), at1002,
                        "skip: held until 2024-01-01T10:05:00Z (holdDown 300 s)"),
                Arguments.of("the hold passed: it opens", holds5m, opens(), List.of(), Optional.empty(),
                        OPENED.plus(Duration.ofMinutes(6)), "create"),
                Arguments.of("a hold with the episode's incident already open: the usual rules", holds5m, opens(),
                        List.of(bridge("7", opens(), IncidentType.INVESTIGATING)), Optional.empty(), at1002,
                        "unchanged: incident 7 already open"),
                Arguments.of("a webhook alert is never held", holds5m, alertmanagerOpens(), List.of(), Optional.empty(),
                        at1002, "create"),
                Arguments.of("a flap within reopenWithin continues the incident", reopens30m, opensAgain(10),
                        List.of(cleared), Optional.empty(), CLEARED.plus(Duration.ofMinutes(10)), "update REOPEN 7"),
                Arguments.of("a flap after reopenWithin opens a new incident", reopens30m, opensAgain(31),
                        List.of(cleared), Optional.empty(), CLEARED.plus(Duration.ofMinutes(31)), "create"),
                Arguments.of("without reopenWithin a flap opens a new incident", PagePolicy.NONE, opensAgain(10),
                        List.of(cleared), Optional.empty(), CLEARED.plus(Duration.ofMinutes(10)), "create"),
                Arguments.of("a flap after a person resolved the incident opens a new one", reopens30m,
                        opensAgain(10), List.of(cleared.with(personUpdate(IncidentType.RESOLVED, ServiceStatus.UP))),
                        Optional.empty(), CLEARED.plus(Duration.ofMinutes(10)), "create"),
                Arguments.of("in maintenance nothing opens", PagePolicy.NONE, opens(), List.of(), upgrade, at1002,
                        "skip: in maintenance 'Database upgrade' until 2024-01-01T12:00:00Z"),
                Arguments.of("in maintenance with maintenance post it opens", policy(null, null, "POST"), opens(),
                        List.of(), upgrade, at1002, "create"),
                Arguments.of("in maintenance a flap continues nothing either", reopens30m, opensAgain(10),
                        List.of(cleared), upgrade, CLEARED.plus(Duration.ofMinutes(10)), "skip: in maintenance"));
    }

    private static PagePolicy policy(String holdDown, String reopenWithin, String maintenance) {
        return new PagePolicy(null, null, holdDown == null ? null : Duration.parse("PT" + holdDown.toUpperCase()),
                reopenWithin == null ? null : Duration.parse("PT" + reopenWithin.toUpperCase()),
                maintenance == null ? null : MaintenancePolicy.valueOf(maintenance));
    }

    /** The same alarm in ALARM again, a new period {@code minutes} after its first incident's clear. */
    private static Alert opensAgain(int minutes) {
        Instant at = CLEARED.plus(Duration.ofMinutes(minutes));
        return Alert.of(AlertSource.CLOUDWATCH, ARN).knownAs(List.of("cpu", ARN)).titled("cpu").opens(ARN + "@" + at, at)
                .at(at);
    }

    private static Alert alertmanagerOpens() {
        return Alert.of(AlertSource.ALERTMANAGER, "HighErrorRate").knownAs(List.of("HighErrorRate"))
                .titled("HighErrorRate").opens("fp-1", OPENED).at(OPENED);
    }

    private static String described(Transition transition) {
        if (transition instanceof Transition.Update update) {
            return "update " + update.purpose() + " " + update.incidentId();
        }
        if (transition instanceof Transition.Unchanged unchanged) {
            return "unchanged: " + unchanged.why();
        }
        return transition instanceof Transition.Skip skip ? "skip: " + skip.why()
                : transition.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    private List<Transition> plan(Alert alert, List<HubIncident> incidents) {
        return planner.plan(alert, CHECKOUT, ServiceView.of(alert, CHECKOUT_TARGET, incidents));
    }

    private static Alert opens() {
        return Alert.of(AlertSource.CLOUDWATCH, ARN).knownAs(List.of("cpu", ARN)).titled("cpu")
                .opens(ARN + "@" + OPENED, OPENED).at(OPENED);
    }

    private static Alert clears() {
        return Alert.of(AlertSource.CLOUDWATCH, ARN).knownAs(List.of("cpu", ARN)).titled("cpu")
                .clears(ARN + "@" + OPENED, OPENED).at(CLEARED);
    }

    private static HubIncident bridge(String id, Alert alert, IncidentType type) {
        Instant start = alert.openedAt().truncatedTo(ChronoUnit.SECONDS);
        List<HubIncident.Update> updates = new ArrayList<>();
        updates.add(new HubIncident.Update(type, "We are investigating.\n" + IncidentRef.of(alert, ServiceStatus.DOWN)
                .line(), Map.of(101L, ServiceStatus.DOWN), null));
        return new HubIncident(id, "Retitled by a person", start, updates);
    }

    private static HubIncident person(String id, IncidentType type, ServiceStatus status) {
        return new HubIncident(id, "Payment provider trouble", OPENED,
                List.of(new HubIncident.Update(type, "We are looking into it.", Map.of(101L, status), null)));
    }

    private static HubIncident.Update personUpdate(IncidentType type, ServiceStatus status) {
        return new HubIncident.Update(type, "A person's note.", Map.of(101L, status), null);
    }

    private static Transition only(List<Transition> plan) {
        assertThat(plan).hasSize(1);
        return plan.get(0);
    }
}
