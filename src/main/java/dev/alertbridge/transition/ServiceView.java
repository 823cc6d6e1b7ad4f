package dev.alertbridge.transition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.ServiceTarget;

/** What the bridge knows of one service before deciding for one alert. */
public sealed interface ServiceView {

    /**
     * A Management API service, as StatusHub shows it.
     *
     * @param own the alert's own incidents there (open, cleared or resolved), oldest first, each saying whether it is
     *        of this event's episode
     * @param others the other open incidents on the service (other alerts', people's) and the status each holds
     * @param maintenance the maintenance in progress on the service that holds new incidents back, if any
     */
    record Shown(List<Own> own, List<Held> others, Optional<HubMaintenance> maintenance) implements ServiceView {
        public Shown {
            own = List.copyOf(own);
            others = List.copyOf(others);
        }

        public Shown(List<Own> own, List<Held> others) {
            this(own, others, Optional.empty());
        }

        /** The same view, with the service in this maintenance. */
        public Shown inMaintenance(Optional<HubMaintenance> maintenance) {
            return new Shown(own, others, maintenance);
        }

        /** The worst status the other open incidents hold the service at, if any is open. */
        public Optional<ServiceStatus> othersWorst() {
            return holding().map(Held::status);
        }

        /** The other open incident that holds the service at the worst status (the first of them), if any. */
        public Optional<Held> holding() {
            return Held.worst(others);
        }
    }

    /** One of the alert's incidents on the service. */
    record Own(HubIncident incident, boolean sameEpisode) {
    }

    /**
     * An open incident of another alert, or a person's, holding the service at a status; its title is how the page
     * points readers to it.
     */
    record Held(String incidentId, String title, ServiceStatus status, boolean byPerson) {

        /** The one holding at the worst status; the first of them when several do. */
        static Optional<Held> worst(Collection<Held> held) {
            Held worst = null;
            for (Held one : held) {
                if (worst == null || one.status().worse(worst.status())) {
                    worst = one;
                }
            }
            return Optional.ofNullable(worst);
        }
    }

    /**
     * An integration URL: it cannot be read. {@code posted} is what this execution environment last posted for the
     * alert's episode there, if it remembers, and {@code open} the id of the alert's incident it opened there and has
     * not cleared; writes there are idempotent by their stable id.
     */
    record WriteOnly(Optional<IncidentType> posted, Optional<String> open) implements ServiceView {
    }

    /** The service as these incidents (every one read that can matter) show it for this alert. */
    static Shown of(Alert alert, ServiceTarget service, Collection<HubIncident> incidents) {
        IncidentRef mine = IncidentRef.of(alert, ServiceStatus.DOWN);
        List<LegacyMark> legacy = new ArrayList<>(List.of(LegacyMark.of(alert, service.stableKey())));
        LegacyMark.byName(alert, service.id()).ifPresent(legacy::add);
        long serviceId = service.serviceId();
        List<Own> own = new ArrayList<>();
        List<Held> others = new ArrayList<>();
        for (HubIncident incident : incidents) {
            if (!incident.onService(serviceId) || incident.resolvedAsDuplicate()) {
                continue;
            }
            Optional<IncidentRef> ref = incident.ref();
            Optional<LegacyMark> mark = ref.isPresent() ? Optional.empty() : incident.legacyMark();
            boolean isOwn = incident.bridgeWroteService(serviceId)
                    && (ref.map(mine::sameAlert).orElse(false)
                            || mark.map(m -> legacy.stream().anyMatch(l -> l.names(m))).orElse(false));
            if (isOwn) {
                boolean episode = ref.isPresent() ? incident.refs().stream().anyMatch(mine::sameEpisode)
                        : legacy.stream().anyMatch(l -> l.namesEpisode(mark.get()));
                own.add(new Own(incident, episode));
            } else {
                incident.held(serviceId).ifPresent(others::add);
            }
        }
        own.sort(Comparator.comparing((Own o) -> o.incident().start(),
                Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(o -> o.incident().id(), HubIncident.IDS_BY_CREATION));
        return new Shown(own, others);
    }
}
