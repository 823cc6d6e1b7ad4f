package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.handler.BridgeHandler;
import dev.alertbridge.support.Events;
import dev.alertbridge.support.Neighbours;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The same event handled by two execution environments at the same moment (EventBridge and SNS deliver at least
 * once): the real handler is called from two threads, and StatusHub answers their first reads only once both have
 * asked, so both find nothing and both create, however fast this machine starts the threads. The bridge then keeps
 * the first incident of each service and resolves the duplicate.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class ConcurrentDeliveryTest {

    @Inject
    BridgeHandler handler;

    @BeforeEach
    void freshWithBothFirstReadsAnsweredTogether() {
        Neighbours.resetToDefaults();
        Neighbours.statusHub().gateListReads(2, 10_000);
    }

    @Test
    void twoEnvironmentsHandlingOneAlarmAtOnceLeaveOneOpenIncidentPerService() throws Exception {
        String event = Events.alarm("ThreeServices", "2024-04-01T10:00:00.000+0000");
        ExecutorService environments = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> invoke(event), environments);
            CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> invoke(event), environments);
            String reports = first.get() + second.get();

            List<JsonNode> incidents = Neighbours.statusHub().incidents();
            List<JsonNode> open = incidents.stream()
                    .filter(i -> !i.get("incident_updates").get(0).get("incident_type").asText().equals("resolved"))
                    .toList();
            assertThat(open).extracting(i -> serviceId(i)).containsExactlyInAnyOrder(101L, 102L, 103L);
            assertThat(incidents).hasSize(6).as("the race happened: both created");
            assertThat(incidents).filteredOn(i -> !open.contains(i)).allSatisfy(duplicate -> assertThat(
                    duplicate.get("incident_updates").get(0).get("body").asText())
                    .startsWith("This incident is a duplicate and has been closed. Updates continue in the other ")
                    .doesNotContainPattern("incident \\d"));
            assertThat(reports).contains("created at the same moment by another execution environment");
        } finally {
            environments.shutdownNow();
        }
    }

    private String invoke(String event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long serviceId(JsonNode incident) {
        JsonNode updates = incident.get("incident_updates");
        return updates.get(updates.size() - 1).get("service_statuses").get(0).get("service_id").asLong();
    }
}
