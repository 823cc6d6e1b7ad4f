package dev.alertbridge.transition;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.AlertState;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.config.WriteMode;

class TransitionPlannerTest {
    private static final Instant OPENED = Instant.parse("2024-01-01T10:00:00.500Z");
    private static final Instant CLEARED = Instant.parse("2024-01-01T10:30:00Z");
    private static final ServiceTarget CHECKOUT_TARGET = new ServiceTarget("checkout", "Checkout", 101L, null);
    private static final LinkedService CHECKOUT = linked(CHECKOUT_TARGET, ServiceStatus.DOWN);
    private static final LinkedService WIDGET = linked(new ServiceTarget("widget", "Widget", null,
            URI.create("https://hooks.statushub.io/hooks/generic?token=t")), ServiceStatus.DOWN);

    private final TransitionPlanner planner = new TransitionPlanner();

    @Test
    void plan_openWithNothingShown_createsDownAndInvestigatingAtTheAlertsStart() {
        Transition t = only(planner.plan(alert(AlertState.OPEN, OPENED), List.of(CHECKOUT), Map.of()));
        assertThat(t).isInstanceOfSatisfying(Transition.Create.class, create -> {
            assertThat(create.draft().type()).isEqualTo(IncidentType.INVESTIGATING);
            assertThat(create.draft().status()).isEqualTo(ServiceStatus.DOWN);
            assertThat(create.draft().time()).isEqualTo(Instant.parse("2024-01-01T10:00:00Z"));
            assertThat(create.draft().body()).endsWith("Reference: " + IncidentRef.of(alert(AlertState.OPEN, OPENED),
                    CHECKOUT_TARGET));
        });
    }

    @Test
    void plan_openWithItsIncidentShown_isUnchanged() {
        assertThat(only(planner.plan(alert(AlertState.OPEN, OPENED), List.of(CHECKOUT),
                Map.of("checkout", shown(mine(IncidentType.IDENTIFIED, false))))))
                .isInstanceOf(Transition.Unchanged.class);
    }

    @Test
    void plan_openOfANewEpisodeWhileTheAlertsIncidentIsOpen_continuesIt() {
        Alert again = alert(AlertState.OPEN, CLEARED, "arn:cpu@" + CLEARED, CLEARED);
        assertThat(only(planner.plan(again, List.of(CHECKOUT),
                Map.of("checkout", shown(mine(IncidentType.INVESTIGATING, false))))))
                .isInstanceOfSatisfying(Transition.Unchanged.class, u -> assertThat(u.incidentId()).isEqualTo("7"));
    }

    @Test
    void plan_openOfANewEpisodeAfterTheLastWasCleared_createsAnother() {
        Alert again = alert(AlertState.OPEN, CLEARED, "arn:cpu@" + CLEARED, CLEARED);
        assertThat(only(planner.plan(again, List.of(CHECKOUT),
                Map.of("checkout", shown(mine(IncidentType.MONITORING, true))))))
                .isInstanceOf(Transition.Create.class);
    }

    @Test
    void plan_clearOfAnIncidentAPersonRetitled_marksMonitoringKeepingTheTitle() {
        Transition t = only(planner.plan(alert(AlertState.CLEAR, CLEARED), List.of(CHECKOUT),
                Map.of("checkout", shown(mine(IncidentType.IDENTIFIED, false)))));
        assertThat(t).isInstanceOfSatisfying(Transition.MarkMonitoring.class, m -> {
            assertThat(m.incidentId()).isEqualTo("7");
            assertThat(m.draft().title()).isEqualTo("Retitled by a person");
            assertThat(m.draft().status()).isEqualTo(ServiceStatus.UP);
        });
    }

    @Test
    void plan_clearWithTwoOpenIncidentsOfTheAlert_marksBoth() {
        IncidentView second = new IncidentView("8", "cpu", IncidentRef.of(alert(AlertState.OPEN, CLEARED,
                "arn:cpu@x", CLEARED), CHECKOUT_TARGET), OPENED, IncidentType.INVESTIGATING, false, ServiceStatus.DOWN);
        List<Transition> plan = planner.plan(alert(AlertState.CLEAR, CLEARED, "", null), List.of(CHECKOUT),
                Map.of("checkout", new Current.Shown(List.of(mine(IncidentType.INVESTIGATING, false), second),
                        List.of())));
        assertThat(plan).extracting(t -> ((Transition.MarkMonitoring) t).incidentId()).containsExactly("7", "8");
    }

    @Test
    void plan_clearWhileAnotherAlertsIncidentIsOpen_keepsTheServiceAtItsStatusAndSaysWhy() {
        IncidentView other = new IncidentView("9", "latency", new IncidentRef("aaaaaaaaaaaa", "bbbbbbbbbbbbbbbb"),
                OPENED, IncidentType.INVESTIGATING, false, ServiceStatus.DEGRADED_PERFORMANCE);
        Transition t = only(planner.plan(alert(AlertState.CLEAR, CLEARED), List.of(CHECKOUT),
                Map.of("checkout", new Current.Shown(List.of(mine(IncidentType.INVESTIGATING, false)),
                        List.of(other)))));
        assertThat(t).isInstanceOfSatisfying(Transition.MarkMonitoring.class, m -> {
            assertThat(m.draft().status()).isEqualTo(ServiceStatus.DEGRADED_PERFORMANCE);
            assertThat(m.draft().type()).isEqualTo(IncidentType.MONITORING);
            assertThat(m.draft().body()).contains("stays degraded while 1 other alert on it is still open");
        });
    }

    @Test
    void plan_degradingLinkWhileAnotherAlertHasTheServiceDown_neverLowersIt() {
        IncidentView other = new IncidentView("9", "down", new IncidentRef("aaaaaaaaaaaa", "bbbbbbbbbbbbbbbb"),
                OPENED, IncidentType.INVESTIGATING, false, ServiceStatus.DOWN);
        Transition t = only(planner.plan(alert(AlertState.OPEN, OPENED),
                List.of(linked(CHECKOUT_TARGET, ServiceStatus.DEGRADED_PERFORMANCE)),
                Map.of("checkout", new Current.Shown(List.of(), List.of(other)))));
        assertThat(t).isInstanceOfSatisfying(Transition.Create.class,
                c -> assertThat(c.draft().status()).isEqualTo(ServiceStatus.DOWN));
        Transition alone = only(planner.plan(alert(AlertState.OPEN, OPENED),
                List.of(linked(CHECKOUT_TARGET, ServiceStatus.DEGRADED_PERFORMANCE)), Map.of()));
        assertThat(alone).isInstanceOfSatisfying(Transition.Create.class,
                c -> assertThat(c.draft().status()).isEqualTo(ServiceStatus.DEGRADED_PERFORMANCE));
    }

    @Test
    void plan_anythingOnAResolvedIncident_isSkipped() {
        for (AlertState state : List.of(AlertState.OPEN, AlertState.CLEAR)) {
            assertThat(only(planner.plan(alert(state, CLEARED), List.of(CHECKOUT),
                    Map.of("checkout", shown(mine(IncidentType.RESOLVED, false))))))
                    .isInstanceOfSatisfying(Transition.Skip.class, s -> assertThat(s.why()).contains("person"));
        }
    }

    @Test
    void plan_clearOlderThanTheIncident_isSkipped() {
        Alert early = alert(AlertState.CLEAR, Instant.parse("2024-01-01T09:59:00Z"));
        assertThat(only(planner.plan(early, List.of(CHECKOUT), Map.of("checkout",
                shown(mine(IncidentType.INVESTIGATING, false)))))).isInstanceOf(Transition.Skip.class);
    }

    @Test
    void plan_clearWithNothingShown_isUnchangedButOnAnIntegrationUrlItPostsMonitoring() {
        List<Transition> plan = planner.plan(alert(AlertState.CLEAR, CLEARED), List.of(CHECKOUT, WIDGET),
                Map.of("widget", Current.UNREADABLE));
        assertThat(plan.get(0)).isInstanceOf(Transition.Unchanged.class);
        assertThat(plan.get(1)).isInstanceOf(Transition.MarkMonitoring.class);
    }

    @Test
    void plan_alreadyClearedByTheBridge_isUnchangedForOpenAndClear() {
        for (AlertState state : List.of(AlertState.OPEN, AlertState.CLEAR)) {
            assertThat(only(planner.plan(alert(state, CLEARED), List.of(CHECKOUT),
                    Map.of("checkout", shown(mine(IncidentType.MONITORING, true))))))
                    .isInstanceOf(Transition.Unchanged.class);
        }
    }

    @Test
    void plan_titleWithMarkup_isNeutralisedButReadable() {
        Alert named = new Alert(AlertSource.GRAFANA, List.of("x"), "grafana:fp", 1, AlertState.OPEN, "k", OPENED,
                OPENED, "CPU > 90% & rising <script>", "", "");
        Transition t = only(planner.plan(named, List.of(CHECKOUT), Map.of()));
        assertThat(((Transition.Create) t).draft().title()).isEqualTo("CPU > 90% & rising ‹script>");
    }

    @Test
    void ref_sameForOpenAndClearOfOneAlert_differentForAnotherEpisodeOrService() {
        IncidentRef open = IncidentRef.of(alert(AlertState.OPEN, OPENED), CHECKOUT_TARGET);
        IncidentRef clear = IncidentRef.of(alert(AlertState.CLEAR, CLEARED), CHECKOUT_TARGET);
        Alert later = alert(AlertState.OPEN, OPENED, "arn:cpu@later", OPENED);
        assertThat(open).isEqualTo(clear);
        assertThat(IncidentRef.of(later, CHECKOUT_TARGET).alertPart()).isEqualTo(open.alertPart());
        assertThat(IncidentRef.of(later, CHECKOUT_TARGET)).isNotEqualTo(open);
        assertThat(IncidentRef.of(alert(AlertState.OPEN, OPENED), new ServiceTarget("search", "S", 102L, null)))
                .isNotEqualTo(open);
        assertThat(IncidentRef.findAll("text\n\nReference: " + open)).containsExactly(open);
    }

    @Test
    void ref_survivesRenamingTheServiceKeyOrTheMonitor() {
        IncidentRef before = IncidentRef.of(alert(AlertState.OPEN, OPENED), CHECKOUT_TARGET);
        Alert renamed = new Alert(AlertSource.CLOUDWATCH, List.of("cpu-renamed"), "arn:cpu", 1, AlertState.OPEN,
                "arn:cpu@" + OPENED, OPENED, OPENED, "cpu-renamed", "", "");
        assertThat(IncidentRef.of(renamed, new ServiceTarget("shop", "Shop", 101L, null))).isEqualTo(before);
    }

    private static LinkedService linked(ServiceTarget target, ServiceStatus status) {
        return new LinkedService(target, status, WriteMode.LIVE);
    }

    private static Alert alert(AlertState state, Instant at) {
        return alert(state, at, "arn:cpu@" + OPENED, OPENED);
    }

    private static Alert alert(AlertState state, Instant at, String episode, Instant openedAt) {
        return new Alert(AlertSource.CLOUDWATCH, List.of("cpu", "arn:cpu"), "arn:cpu", 1, state, episode, openedAt,
                at, "cpu", "CPU above 90%", "");
    }

    private static IncidentView mine(IncidentType latest, boolean cleared) {
        return new IncidentView("7", "Retitled by a person", IncidentRef.of(alert(AlertState.OPEN, OPENED),
                CHECKOUT_TARGET), Instant.parse("2024-01-01T10:00:00Z"), latest, cleared, ServiceStatus.DOWN);
    }

    private static Current shown(IncidentView incident) {
        return new Current.Shown(List.of(incident), List.of());
    }

    private static Transition only(List<Transition> plan) {
        assertThat(plan).hasSize(1);
        return plan.get(0);
    }
}
