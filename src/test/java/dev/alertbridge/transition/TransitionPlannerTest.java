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
import dev.alertbridge.config.ServiceTarget;

class TransitionPlannerTest {
    private static final Instant OPENED = Instant.parse("2024-01-01T10:00:00.500Z");
    private static final Instant CLEARED = Instant.parse("2024-01-01T10:30:00Z");
    private static final ServiceTarget CHECKOUT = new ServiceTarget("checkout", "Checkout", 101L, null);
    private static final ServiceTarget WIDGET = new ServiceTarget("widget", "Widget", null,
            URI.create("https://hooks.statushub.io/hooks/generic?token=t"));

    private final TransitionPlanner planner = new TransitionPlanner();

    @Test
    void plan_openWithNothingShown_createsDownAndInvestigatingAtTheAlertsStart() {
        Transition t = only(planner.plan(alert(AlertState.OPEN, OPENED), List.of(CHECKOUT), Map.of(), OPENED));
        assertThat(t).isInstanceOfSatisfying(Transition.Create.class, create -> {
            assertThat(create.draft().type()).isEqualTo(IncidentType.INVESTIGATING);
            assertThat(create.draft().status()).isEqualTo(ServiceStatus.DOWN);
            assertThat(create.draft().time()).isEqualTo(Instant.parse("2024-01-01T10:00:00Z"));
            assertThat(create.draft().body()).endsWith("Reference: " + IncidentRef.of(alert(AlertState.OPEN, OPENED),
                    "checkout"));
        });
    }

    @Test
    void plan_openWithItsIncidentShown_isUnchanged() {
        assertThat(only(planner.plan(alert(AlertState.OPEN, OPENED), List.of(CHECKOUT),
                Map.of("checkout", shown(IncidentType.IDENTIFIED, false)), OPENED)))
                .isInstanceOf(Transition.Unchanged.class);
    }

    @Test
    void plan_clearOfAnIncidentAPersonRetitled_marksMonitoringKeepingTheTitle() {
        Transition t = only(planner.plan(alert(AlertState.CLEAR, CLEARED), List.of(CHECKOUT),
                Map.of("checkout", shown(IncidentType.IDENTIFIED, false)), CLEARED));
        assertThat(t).isInstanceOfSatisfying(Transition.MarkMonitoring.class, m -> {
            assertThat(m.incidentId()).isEqualTo("7");
            assertThat(m.draft().title()).isEqualTo("Retitled by a person");
            assertThat(m.draft().status()).isEqualTo(ServiceStatus.UP);
        });
    }

    @Test
    void plan_anythingOnAResolvedIncident_isSkipped() {
        for (AlertState state : List.of(AlertState.OPEN, AlertState.CLEAR)) {
            assertThat(only(planner.plan(alert(state, CLEARED), List.of(CHECKOUT),
                    Map.of("checkout", shown(IncidentType.RESOLVED, false)), CLEARED)))
                    .isInstanceOfSatisfying(Transition.Skip.class, s -> assertThat(s.why()).contains("person"));
        }
    }

    @Test
    void plan_clearOlderThanTheIncident_isSkipped() {
        Alert early = alert(AlertState.CLEAR, Instant.parse("2024-01-01T09:59:00Z"));
        assertThat(only(planner.plan(early, List.of(CHECKOUT), Map.of("checkout",
                shown(IncidentType.INVESTIGATING, false)), CLEARED))).isInstanceOf(Transition.Skip.class);
    }

    @Test
    void plan_clearWithNothingShown_isUnchangedButOnAnIntegrationUrlItPostsMonitoring() {
        List<Transition> plan = planner.plan(alert(AlertState.CLEAR, CLEARED), List.of(CHECKOUT, WIDGET),
                Map.of("widget", Current.UNREADABLE), CLEARED);
        assertThat(plan.get(0)).isInstanceOf(Transition.Unchanged.class);
        assertThat(plan.get(1)).isInstanceOf(Transition.MarkMonitoring.class);
    }

    @Test
    void plan_alreadyClearedByTheBridge_isUnchangedForOpenAndClear() {
        for (AlertState state : List.of(AlertState.OPEN, AlertState.CLEAR)) {
            assertThat(only(planner.plan(alert(state, CLEARED), List.of(CHECKOUT),
                    Map.of("checkout", shown(IncidentType.MONITORING, true)), CLEARED)))
                    .isInstanceOf(Transition.Unchanged.class);
        }
    }

    @Test
    void ref_sameForOpenAndClearOfOneAlert_differentForAnotherAlertOfTheMonitor() {
        IncidentRef open = IncidentRef.of(alert(AlertState.OPEN, OPENED), "checkout");
        IncidentRef clear = IncidentRef.of(alert(AlertState.CLEAR, CLEARED), "checkout");
        Alert later = new Alert(AlertSource.CLOUDWATCH, List.of("cpu"), 1, AlertState.OPEN, "arn:cpu@later", OPENED,
                OPENED, "cpu", "", "");
        assertThat(open).isEqualTo(clear);
        assertThat(IncidentRef.of(later, "checkout").monitorPrefix()).isEqualTo(open.monitorPrefix());
        assertThat(IncidentRef.of(later, "checkout")).isNotEqualTo(open);
        assertThat(IncidentRef.of(alert(AlertState.OPEN, OPENED), "search")).isNotEqualTo(open);
        assertThat(IncidentRef.findIn("text\n\nReference: " + open, open.monitorPrefix())).contains(open);
    }

    private static Alert alert(AlertState state, Instant at) {
        return new Alert(AlertSource.CLOUDWATCH, List.of("cpu", "arn:cpu"), 1, state, "arn:cpu@" + OPENED, OPENED, at,
                "cpu", "CPU above 90%", "");
    }

    private static Current shown(IncidentType latest, boolean cleared) {
        return new Current.Found(new IncidentView("7", "Retitled by a person",
                IncidentRef.of(alert(AlertState.OPEN, OPENED), "checkout"), OPENED, latest, cleared));
    }

    private static Transition only(List<Transition> plan) {
        assertThat(plan).hasSize(1);
        return plan.get(0);
    }
}
