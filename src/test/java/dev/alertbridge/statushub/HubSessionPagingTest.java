package dev.alertbridge.statushub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.budget.Deadline;
import dev.alertbridge.transition.HubIncident;
import dev.alertbridge.transition.HubMaintenance;
import dev.alertbridge.transition.IncidentType;

/**
 * How one invocation reads a hub's list, against a hub in memory: every page, whichever way the server says there
 * are more, ids once each, and the time filter applied again for servers that ignore it.
 */
class HubSessionPagingTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    /**
     * @param incidents how many open incidents the hub lists
     * @param perPage the server's page size (whatever the bridge asks)
     * @param links whether it sends {@code Link: rel="next"}
     */
    @ParameterizedTest(name = "{0} incidents, pages of {1}, Link headers {2}")
    @CsvSource({ "0, 100, true", "1, 100, false", "100, 100, false", "101, 100, false", "250, 100, true",
            "60, 25, false", "60, 25, true", "60, 40, true", "3, 1, true" })
    void everyIncidentOfEveryPageIsReadOnce(int incidents, int perPage, boolean links) {
        FakeHub hub = new FakeHub(incidents, perPage, links);
        HubSession session = new HubSession(hub, new IncidentCache(), deadline(), NOW);
        session.prepare(NOW, Set.of(), List.of(), false);
        assertThat(session.incidents()).hasSize(incidents);
        assertThat(hub.fullReads).isEqualTo(incidents);
    }

    @Test
    void aPageThatRepeatsTheLastEndsTheList() {
        FakeHub hub = new FakeHub(100, 100, false);
        hub.repeatFirstPage = true;
        HubSession session = new HubSession(hub, new IncidentCache(), deadline(), NOW);
        session.prepare(NOW, Set.of(), List.of(), false);
        assertThat(session.incidents()).hasSize(100);
        assertThat(hub.pagesAsked).isEqualTo(2);
    }

    @Test
    void anIncidentThatEndedBeforeTheWindowIsLeftOutEvenIfTheServerListsIt() {
        FakeHub hub = new FakeHub(2, 100, false);
        hub.endedLongAgo = 1;
        HubSession session = new HubSession(hub, new IncidentCache(), deadline(), NOW);
        session.prepare(NOW, Set.of(), List.of(), false);
        assertThat(session.incidents()).extracting(HubIncident::id).containsExactly("2");
    }

    @Test
    void aListThatNeverEndsFailsRatherThanDecidingOnPartOfIt() {
        FakeHub hub = new FakeHub(100, 100, false);
        hub.endless = true;
        HubSession session = new HubSession(hub, new IncidentCache(), deadline(), NOW);
        assertThatThrownBy(() -> session.prepare(NOW, Set.of(), List.of(), false))
                .isInstanceOf(StatusHubUnavailableException.class).hasMessageContaining("pages of incidents");
    }

    private static Deadline deadline() {
        return Deadline.in(Duration.ofSeconds(30), Clock.systemUTC());
    }

    /** A hub of open incidents 1..n, paged as a server would. */
    private static final class FakeHub implements HubApi {
        private final int count;
        private final int perPage;
        private final boolean links;
        boolean repeatFirstPage;
        boolean endless;
        int endedLongAgo;
        int pagesAsked;
        int fullReads;

        FakeHub(int count, int perPage, boolean links) {
            this.count = count;
            this.perPage = perPage;
            this.links = links;
        }

        @Override
        public Page incidents(Instant since, int page, Deadline deadline) {
            pagesAsked++;
            if (endless) {
                List<IncidentSummary> items = IntStream.range(0, perPage)
                        .mapToObj(i -> summary(String.valueOf(page * 1000 + i), false)).toList();
                return new Page(items, items.size(), Optional.of(page + 1));
            }
            int from = repeatFirstPage ? 0 : (page - 1) * perPage;
            List<IncidentSummary> items = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + perPage); i++) {
                items.add(summary(String.valueOf(i + 1), i < endedLongAgo));
            }
            boolean more = from + perPage < count;
            return new Page(items, items.size(), links && more ? Optional.of(page + 1) : Optional.empty());
        }

        private static IncidentSummary summary(String id, boolean ended) {
            return new IncidentSummary(id, "incident " + id, NOW.minusSeconds(3600),
                    ended ? NOW.minus(Duration.ofDays(30)) : null,
                    Optional.of(ended ? IncidentType.RESOLVED : IncidentType.INVESTIGATING), null);
        }

        @Override
        public Optional<HubIncident> incident(IncidentSummary summary, Deadline deadline) {
            synchronized (this) {
                fullReads++;
            }
            return Optional.of(new HubIncident(summary.id(), summary.title(), summary.start(), List.of(
                    new HubIncident.Update(IncidentType.INVESTIGATING, "", Map.of(101L, ServiceStatus.DOWN), null))));
        }

        @Override
        public List<HubMaintenance> maintenancesNow(Instant now, Deadline deadline) {
            return List.of();
        }

        @Override
        public IncidentSummary create(IncidentWrite incident, Deadline deadline) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addUpdate(String incidentId, IncidentWrite update, Deadline deadline) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String describe(String incidentId, IncidentWrite write) {
            return "";
        }
    }
}
