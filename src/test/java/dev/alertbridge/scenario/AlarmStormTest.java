package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.ParameterStore.Parameter;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A region-wide outage: two dozen alarms fire one after another, each linked to the same 5 services, then all
 * clear. Other execution environments share the API key, so StatusHub answers 429 whenever the key goes over its
 * limit, as often as this machine's speed makes it. Every event is retried the way Lambda retries an async
 * invocation (twice). What is asserted is what the page ends as, whatever StatusHub pushed back: every incident
 * exists exactly once, opened its service and cleared it, and every service is up again.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
@TestProfile(AlarmStormTest.BusyKey.class)
class AlarmStormTest {
    private static final int ALARMS = 24;
    private static final int SERVICES = 5;
    private static final String LAST_OPENED = "2024-06-01T03:%02d:00Z".formatted(ALARMS - 1);

    /**
     * This environment would write at 100/s; the budget the other environments leave on the key is 20/s. (Higher
     * than StatusHub's real 5/s so that the storm's writes take seconds, not minutes; the ratio is what matters.)
     */
    public static class BusyKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bridge.statushub.writes-per-second", "100", "bridge.statushub.reads-per-second", "300");
        }
    }

    @BeforeEach
    void stormConfiguration() {
        Neighbours.resetToDefaults();
        StringBuilder services = new StringBuilder();
        StringBuilder ids = new StringBuilder();
        for (int s = 1; s <= SERVICES; s++) {
            services.append(s == 1 ? "" : ",").append("\"svc-%02d\": {\"serviceId\": %d}".formatted(s, 300 + s));
            ids.append(s == 1 ? "" : ",").append("\"svc-%02d\"".formatted(s));
        }
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "storm", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"},
                         "services": {%s},
                         "links": [{"monitor": "*", "source": "cloudwatch", "services": [%s]}]}
                        """.formatted(Neighbours.baseUrl(), services, ids))));
        Neighbours.statusHub().limitWrites(20);
    }

    @Test
    void twoDozenAlarmsOnFiveServicesOpenEveryIncidentOnceAndLoseNoClear() {
        List<String> opens = new ArrayList<>();
        List<String> clears = new ArrayList<>();
        for (int a = 0; a < ALARMS; a++) {
            String openedAt = "2024-06-01T03:%02d:00.000+0000".formatted(a);
            opens.add(Events.alarm("Storm-%02d".formatted(a), openedAt));
            clears.add(Events.ok("Storm-%02d".formatted(a), openedAt, "2024-06-01T05:%02d:00.000+0000".formatted(a)));
        }
        assertThat(deliverWithLambdaRetries(opens)).as("open events that exhausted their retries").isZero();
        assertThat(deliverWithLambdaRetries(clears)).as("clear events that exhausted their retries").isZero();

        List<JsonNode> incidents = Neighbours.statusHub().incidents();
        Map<String, Integer> perAlarmAndService = new HashMap<>();
        for (JsonNode incident : incidents) {
            JsonNode updates = incident.get("incident_updates");
            assertThat(updates).as("the open and the clear, nothing twice").hasSize(2);
            JsonNode opening = updates.get(1);
            JsonNode clearing = updates.get(0);
            String service = opening.at("/service_statuses/0/service_id").asText();
            String body = opening.get("body").asText();
            perAlarmAndService.merge(body.substring(body.lastIndexOf(" sb3 ")) + "/" + service, 1, Integer::sum);
            assertThat(opening.get("incident_type").asText()).isEqualTo("investigating");
            assertThat(opening.at("/service_statuses/0/status").asText()).isEqualTo("down");
            assertThat(clearing.get("incident_type").asText()).isEqualTo("monitoring");
            assertThat(clearing.at("/service_statuses/0/service_id").asText()).isEqualTo(service);
            // Each clear but the last keeps the service down while the other alarms' incidents are open.
            boolean lastToClear = incident.get("start_time").asText().equals(LAST_OPENED);
            assertThat(clearing.at("/service_statuses/0/status").asText()).isEqualTo(lastToClear ? "up" : "down");
        }
        assertThat(incidents).hasSize(ALARMS * SERVICES);
        assertThat(perAlarmAndService).hasSize(ALARMS * SERVICES).allSatisfy((key, count) -> assertThat(count)
                .as(key).isEqualTo(1));
        for (int s = 1; s <= SERVICES; s++) {
            assertThat(Neighbours.statusHub().pageStatus(300 + s)).as("service %d", 300 + s).isEqualTo("up");
        }
    }

    /** Delivers each event; a failed one is retried like Lambda does (two retries). Returns the events lost. */
    private static int deliverWithLambdaRetries(List<String> events) {
        int lost = 0;
        for (String event : events) {
            int attempt = 0;
            while (Lambda.invoke(event).extract().statusCode() != 200) {
                if (++attempt > 2) {
                    lost++;
                    break;
                }
            }
        }
        return lost;
    }
}
