package dev.alertbridge.transition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.config.WriteMode;

/**
 * The pure core of one outage, one public incident: alerts of one group create, join and release one shared
 * incident, each service recovering on its own inside it. A small hub in memory applies each decision, as StatusHub
 * would, so each rule reads as a short story.
 */
class SharedIncidentPlannerTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final String GROUP = IncidentRef.groupOf("name:payments");
    private static final ServiceTarget CHECKOUT = ServiceTarget.viaApi("checkout", "Checkout", 101L);
    private static final ServiceTarget SEARCH = ServiceTarget.viaApi("search", "Search", 102L);
    private static final Map<Long, String> NAMES = Map.of(101L, "Checkout", 102L, "Search");

    private final SharedIncidentPlanner planner = new SharedIncidentPlanner(new PageTexts());
    private final Map<String, HubIncident> hub = new LinkedHashMap<>();
    private int ids = 100;

    @BeforeEach
    void emptyHub() {
        hub.clear();
    }

    private static Alert opens(String alarm, long minute) {
        String arn = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:" + alarm;
        Instant at = T0.plusSeconds(60 * minute);
        return Alert.of(AlertSource.CLOUDWATCH, arn).knownAs(List.of(alarm, arn)).titled(alarm)
                .opens(arn + "@" + at, at).at(at);
    }

    private static Alert clears(String alarm, long openedMinute, long minute) {
        String arn = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:" + alarm;
        Instant opened = T0.plusSeconds(60 * openedMinute);
        return Alert.of(AlertSource.CLOUDWATCH, arn).knownAs(List.of(alarm, arn)).titled(alarm)
                .clears(arn + "@" + opened, opened).at(T0.plusSeconds(60 * minute));
    }

    private static LinkedService linked(ServiceTarget service, ServiceStatus status) {
        return LinkedService.of(service, status, WriteMode.LIVE);
    }

    /** Decides and applies, as StatusHub would; the transitions decided. */
    private List<Transition> apply(Alert alert, LinkedService... partition) {
        SharedIncidentPlanner.GroupView view = new SharedIncidentPlanner.GroupView(GROUP,
                hub.values().stream().map(HubIncident::shared).flatMap(java.util.Optional::stream).toList(), Map.of(),
                Set.of(), NAMES);
        List<Transition> transitions = planner.plan(alert, List.of(partition), view, alert.at());
        for (Transition t : transitions) {
            if (t instanceof Transition.Create create) {
                String id = String.valueOf(++ids);
                hub.put(id, new HubIncident(id, create.draft().title(), create.draft().time(), List.of(update(create))));
            } else if (t instanceof Transition.Update update) {
                HubIncident incident = hub.get(update.incidentId());
                hub.put(incident.id(), new HubIncident(incident.id(), update.draft().retitles()
                        ? update.draft().title()
                        : incident.title(), incident.start(),
                        prepend(update(update),
                                incident.updates())));
            }
        }
        return transitions;
    }

    private static HubIncident.Update update(Transition.Write write) {
        return new HubIncident.Update(write.draft().type(), write.draft().body(), write.draft().statuses(), null);
    }

    private static List<HubIncident.Update> prepend(HubIncident.Update update, List<HubIncident.Update> older) {
        List<HubIncident.Update> all = new ArrayList<>(List.of(update));
        all.addAll(older);
        return all;
    }

    private HubIncident only() {
        assertThat(hub).hasSize(1);
        return hub.values().iterator().next();
    }

    private Map<Long, ServiceStatus> page() {
        return SharedIncidentPlanner.shown(only().shared().orElseThrow());
    }

    @Test
    void plan_theFirstMemberCreates_oneIncidentNamingItsServices() {
        assertThat(apply(opens("db-latency", 0), linked(CHECKOUT, ServiceStatus.DOWN), linked(SEARCH,
                ServiceStatus.DOWN))).singleElement().isInstanceOf(Transition.Create.class);

        assertThat(only().title()).isEqualTo("Checkout and Search: Service disruption");
        assertThat(page()).isEqualTo(Map.of(101L, ServiceStatus.DOWN, 102L, ServiceStatus.DOWN));
        assertThat(only().updates().get(0).body()).contains("sb3 g" + GROUP + " cw-");
    }

    @Test
    void plan_aMemberOnAnotherServiceJoins_theIncidentAddsItAndIsRetitled() {
        apply(opens("checkout-5xx", 0), linked(CHECKOUT, ServiceStatus.DOWN));
        List<Transition> join = apply(opens("search-5xx", 1), linked(SEARCH, ServiceStatus.DOWN));

        assertThat(join).singleElement().isInstanceOfSatisfying(Transition.Update.class, u -> {
            assertThat(u.purpose()).isEqualTo(Transition.Purpose.JOIN);
            assertThat(u.draft().type()).isEqualTo(IncidentType.INVESTIGATING);
            assertThat(u.draft().body()).startsWith("Since 2024-05-01 10:01 UTC, the issue has also been affecting "
                    + "Search.");
        });
        assertThat(only().title()).isEqualTo("Checkout and Search: Service disruption");
        assertThat(page()).isEqualTo(Map.of(101L, ServiceStatus.DOWN, 102L, ServiceStatus.DOWN));
    }

    @Test
    void plan_aMemberThatChangesNothingJoinsQuietly() {
        apply(opens("checkout-5xx", 0), linked(CHECKOUT, ServiceStatus.DOWN));
        assertThat(apply(opens("checkout-latency", 1), linked(CHECKOUT, ServiceStatus.DEGRADED_PERFORMANCE)))
                .singleElement().isInstanceOfSatisfying(Transition.Update.class, u -> {
                    assertThat(u.purpose()).isEqualTo(Transition.Purpose.JOIN_QUIETLY);
                    assertThat(u.draft().body()).startsWith("We are continuing to investigate.");
                });
        assertThat(only().shared().orElseThrow().openMembers()).hasSize(2);
    }

    @Test
    void plan_aMembersClear_releasesOnlyWhatItHeldAndTheLastClearMovesItToMonitoring() {
        apply(opens("checkout-5xx", 0), linked(CHECKOUT, ServiceStatus.DOWN));
        apply(opens("search-5xx", 1), linked(SEARCH, ServiceStatus.DOWN));

        assertThat(apply(clears("search-5xx", 1, 10), linked(SEARCH, ServiceStatus.DOWN))).singleElement()
                .isInstanceOfSatisfying(Transition.Update.class, u -> {
                    assertThat(u.purpose()).isEqualTo(Transition.Purpose.RELEASE);
                    assertThat(u.draft().type()).isEqualTo(IncidentType.INVESTIGATING);
                    assertThat(u.draft().body()).startsWith("Search has been operating normally since 2024-05-01 "
                            + "10:10 UTC. We are still working on Checkout.");
                });
        assertThat(page()).isEqualTo(Map.of(101L, ServiceStatus.DOWN, 102L, ServiceStatus.UP));

        assertThat(apply(clears("checkout-5xx", 0, 20), linked(CHECKOUT, ServiceStatus.DOWN))).singleElement()
                .isInstanceOfSatisfying(Transition.Update.class, u -> assertThat(u.draft().type())
                        .isEqualTo(IncidentType.MONITORING));
        assertThat(page()).isEqualTo(Map.of(101L, ServiceStatus.UP, 102L, ServiceStatus.UP));
    }

    @Test
    void plan_aWarningAndACriticalAlert_moveTheServiceBetweenDegradedAndDownInsideOneIncident() {
        apply(opens("checkout-latency-warning", 0), linked(CHECKOUT, ServiceStatus.DEGRADED_PERFORMANCE));
        assertThat(page()).containsEntry(101L, ServiceStatus.DEGRADED_PERFORMANCE);

        apply(opens("checkout-latency-critical", 5), linked(CHECKOUT, ServiceStatus.DOWN));
        assertThat(page()).containsEntry(101L, ServiceStatus.DOWN);

        apply(clears("checkout-latency-critical", 5, 8), linked(CHECKOUT, ServiceStatus.DOWN));
        assertThat(page()).containsEntry(101L, ServiceStatus.DEGRADED_PERFORMANCE);
        assertThat(only().open()).isTrue();
    }

    @Test
    void plan_afterAPersonResolvedIt_aMemberStillInErrorJoinsNothingAndANewAlertOpensANewIncident() {
        apply(opens("checkout-5xx", 0), linked(CHECKOUT, ServiceStatus.DOWN));
        HubIncident incident = only();
        hub.put(incident.id(), incident.with(new HubIncident.Update(IncidentType.RESOLVED, "Fixed.", Map.of(101L,
                ServiceStatus.UP), null)));

        assertThat(apply(opens("checkout-5xx", 0), linked(CHECKOUT, ServiceStatus.DOWN))).singleElement()
                .isInstanceOf(Transition.Skip.class);
        assertThat(apply(opens("search-5xx", 3), linked(SEARCH, ServiceStatus.DOWN))).singleElement()
                .isInstanceOf(Transition.Create.class);
        assertThat(hub).hasSize(2);
    }
}
