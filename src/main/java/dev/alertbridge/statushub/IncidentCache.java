package dev.alertbridge.statushub;

import java.util.Map;
import java.util.Optional;

import dev.alertbridge.transition.HubIncident;

/**
 * Incidents read in full, kept for the execution environment's next invocations only while the hub's list shows the
 * same {@code updated_at} (the time of the incident's newest update) and summary: whatever changes the incident
 * changes that time, so a kept read cannot be stale. A hub whose list does not send {@code updated_at} gets nothing
 * kept across invocations; the bridge's own writes forget what they change.
 */
final class IncidentCache {
    /**
     * Incidents of a very busy hub (a 300-alert group's fits); least recently used forgotten first. Bounded low so
     * the heap stays flat: every incident an environment creates is kept too, and most are resolved and never
     * asked for again.
     */
    private static final int REMEMBERED = 500;

    private final Map<String, Kept> kept = BoundedMap.lru(REMEMBERED);

    private record Kept(IncidentSummary summary, HubIncident incident) {
    }

    Optional<HubIncident> get(IncidentSummary summary) {
        if (summary.updatedAt() == null) {
            return Optional.empty();
        }
        Kept entry = kept.get(summary.id());
        return entry != null && entry.summary().equals(summary) ? Optional.of(entry.incident()) : Optional.empty();
    }

    void put(IncidentSummary summary, HubIncident incident) {
        if (summary.updatedAt() != null) {
            kept.put(summary.id(), new Kept(summary, incident));
        }
    }

    void forget(String id) {
        kept.remove(id);
    }
}
