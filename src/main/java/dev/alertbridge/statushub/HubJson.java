package dev.alertbridge.statushub;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.alert.Times;
import dev.alertbridge.transition.HubIncident;
import dev.alertbridge.transition.HubMaintenance;
import dev.alertbridge.transition.IncidentType;

/**
 * StatusHub's answers, read tolerantly: the v3 schemas are not fully published, so unknown fields are ignored,
 * lists may come as {@code {"data":[…]}} or a bare array, objects may be wrapped in {@code data}, times may end in
 * {@code Z}, {@code +00:00}, {@code +0000} or nothing (UTC), statuses as {@code status} or {@code status_name}.
 */
public final class HubJson {

    private HubJson() {
    }

    static List<JsonNode> items(JsonNode node) {
        JsonNode array = node.isArray() ? node
                : node.path("data").isArray() ? node.path("data")
                        : node.path("incidents");
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    static JsonNode unwrap(JsonNode node) {
        return node.path("data").isObject() ? node.path("data") : node;
    }

    /**
     * A maintenance of the list, its services read tolerantly: {@code services[].id}, {@code service_ids[]} or
     * {@code service_statuses[].service_id}, whichever the hub sends (all three are read).
     */
    static HubMaintenance maintenance(JsonNode item) {
        Set<Long> services = new LinkedHashSet<>();
        item.path("services").forEach(s -> addId(services, s.isObject() ? s.path("id") : s));
        item.path("service_ids").forEach(s -> addId(services, s));
        item.path("service_statuses").forEach(s -> addId(services, s.path("service_id")));
        return new HubMaintenance(item.path("title").asText(item.path("name").asText("")),
                time(item.path("end_time").asText(null)), services);
    }

    private static void addId(Set<Long> ids, JsonNode id) {
        if (id.canConvertToLong() && id.isIntegralNumber()) {
            ids.add(id.asLong());
        } else if (id.isTextual() && id.asText().matches("\\d{1,18}")) {
            ids.add(Long.parseLong(id.asText()));
        }
    }

    /** The maintenances of a list answer (the configuration check reads them as an event would). */
    public static List<HubMaintenance> maintenances(JsonNode answer) {
        return items(answer).stream().map(HubJson::maintenance).toList();
    }

    static IncidentSummary summary(JsonNode item) {
        return new IncidentSummary(item.path("id").asText(""), item.path("title").asText(""),
                time(item.path("start_time").asText(null)), time(item.path("end_time").asText(null)),
                IncidentType.fromWire(item.path("last_incident_type").asText(null)),
                time(item.path("updated_at").asText(null)));
    }

    static HubIncident incident(IncidentSummary summary, JsonNode detail) {
        List<HubIncident.Update> updates = new ArrayList<>();
        for (JsonNode update : detail.path("incident_updates")) {
            Map<Long, ServiceStatus> statuses = new LinkedHashMap<>();
            for (JsonNode status : update.path("service_statuses")) {
                JsonNode id = status.path("service_id");
                Optional<ServiceStatus> value = ServiceStatus.fromWire(
                        status.path("status").asText(status.path("status_name").asText(null)));
                if (id.canConvertToLong() && value.isPresent()) {
                    statuses.put(id.asLong(), value.get());
                }
            }
            updates.add(new HubIncident.Update(IncidentType.fromWire(update.path("incident_type").asText(null))
                    .orElse(null), update.path("body").asText(""), statuses,
                    time(update.path("created_at").asText(null))));
        }
        String title = detail.path("title").asText(summary.title());
        Instant start = Optional.ofNullable(time(detail.path("start_time").asText(null))).orElse(summary.start());
        return new HubIncident(summary.id(), title, start, updates);
    }

    /** StatusHub's times, whatever the offset style (a blank for the T too), to the second; null when unreadable. */
    static Instant time(String text) {
        return text == null || text.equals("null") ? null
                : Times.parse(text.trim().replace(' ', 'T')).map(t -> t.truncatedTo(ChronoUnit.SECONDS)).orElse(null);
    }
}
