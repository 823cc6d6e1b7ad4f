package dev.alertbridge.transition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.config.WriteMode;

/** Which open incidents the reconciliation clears because their alarm was deleted, and what it writes. */
class DeletedAlarmsTest {
    private static final Instant NOW = Instant.parse("2024-01-01T12:00:00Z");
    private static final String ACCOUNT = "eu-west-1:123456789012";
    private static final String GONE = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:checkout-asg-cpu";
    private static final String KEPT = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:checkout-5xx";
    private static final Duration SETTLE = Duration.ofMinutes(5);

    private final DeletedAlarms deleted = new DeletedAlarms(new PageTexts());

    @Test
    void anOpenIncidentOfAnAlarmNoLongerListedIsClearedAndItsServiceComesBackUp() {
        List<Transition.Update> clears = clears(List.of(bridge("7", GONE, IncidentType.INVESTIGATING, 101L)));

        assertThat(clears).singleElement().satisfies(clear -> {
            assertThat(clear.incidentId()).isEqualTo("7");
            assertThat(clear.linked().service().serviceId()).isEqualTo(101L);
            assertThat(clear.draft().type()).isEqualTo(IncidentType.MONITORING);
            assertThat(clear.draft().status()).isEqualTo(ServiceStatus.UP);
            assertThat(clear.draft().body()).contains("The service is operating normally again.")
                    .doesNotContain("removed", "12:00")
                    .doesNotContain("checkout-asg-cpu", "123456789012")
                    .endsWith(ref(GONE).clearedAt(NOW).line());
        });
    }

    @Test
    void anotherOpenIncidentOnTheServiceKeepsItDown() {
        HubIncident persons = new HubIncident("9", "Payment provider trouble", NOW.minus(Duration.ofHours(1)),
                List.of(new HubIncident.Update(IncidentType.IDENTIFIED, "We are on it.", Map.of(101L,
                        ServiceStatus.DEGRADED_PERFORMANCE), null)));

        List<Transition.Update> clears = clears(List.of(bridge("7", GONE, IncidentType.INVESTIGATING, 101L), persons));

        assertThat(clears).singleElement().satisfies(clear -> {
            assertThat(clear.draft().status()).isEqualTo(ServiceStatus.DEGRADED_PERFORMANCE);
            assertThat(clear.draft().body())
                    .contains("The service is still affected by another ongoing incident, “Payment provider trouble”");
        });
    }

    @Test
    void alarmsThatStillExistAndOtherAccountsRegionsAndSourcesAreLeftAlone() {
        String otherRegion = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-asg-cpu";
        Alert uptrends = Alert.of(AlertSource.UPTRENDS, "monitor-guid").opens("incident-1", NOW).at(NOW);
        HubIncident uptrendsIncident = new HubIncident("11", "Uptrends", NOW.minus(Duration.ofHours(1)),
                List.of(new HubIncident.Update(IncidentType.INVESTIGATING, "Down.\n"
                        + IncidentRef.of(uptrends, ServiceStatus.DOWN).line(), Map.of(101L, ServiceStatus.DOWN), null)));

        assertThat(clears(List.of(bridge("7", KEPT, IncidentType.INVESTIGATING, 101L),
                bridge("8", otherRegion, IncidentType.INVESTIGATING, 101L), uptrendsIncident))).isEmpty();
    }

    @Test
    void anIncidentAlreadyInMonitoringOrResolvedByAPersonIsNotTouched() {
        assertThat(clears(List.of(bridge("7", GONE, IncidentType.MONITORING, 101L),
                bridge("8", GONE, IncidentType.RESOLVED, 102L)))).isEmpty();
    }

    @Test
    void anIncidentWrittenAMomentAgoWaitsForTheNextRun() {
        HubIncident fresh = new HubIncident("7", "Checkout", NOW.minus(Duration.ofMinutes(1)),
                bridge("7", GONE, IncidentType.INVESTIGATING, 101L).updates());
        assertThat(clears(List.of(fresh))).isEmpty();
    }

    private List<Transition.Update> clears(List<HubIncident> incidents) {
        return deleted.clears(incidents, IncidentRef.scopeOf(ACCOUNT), Set.of(IncidentRef.alarmPart(KEPT)), SETTLE,
                NOW, serviceId -> LinkedService.of(ServiceTarget.viaApi("svc-" + serviceId, null, serviceId),
                        ServiceStatus.DOWN, WriteMode.LIVE));
    }

    private static IncidentRef ref(String arn) {
        Instant opened = NOW.minus(Duration.ofHours(2));
        return IncidentRef.of(Alert.of(AlertSource.CLOUDWATCH, arn).opens(arn + "@" + opened, opened).at(opened),
                ServiceStatus.DOWN);
    }

    private static HubIncident bridge(String id, String arn, IncidentType type, long serviceId) {
        return new HubIncident(id, "Checkout", NOW.minus(Duration.ofHours(2)), List.of(new HubIncident.Update(type,
                "We are investigating.\n" + ref(arn).line(), Map.of(serviceId, ServiceStatus.DOWN), null)));
    }
}
