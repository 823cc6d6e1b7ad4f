package dev.alertbridge.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.alertbridge.alert.AlarmArn;
import dev.alertbridge.config.LinkedService;
import dev.alertbridge.config.WriteMode;
import dev.alertbridge.statushub.StatusHubSession;
import dev.alertbridge.transition.DeletedAlarms;
import dev.alertbridge.transition.IncidentRef;
import dev.alertbridge.transition.PageTexts;
import dev.alertbridge.transition.Transition;

/**
 * The reconciliation's sweep for alarms deleted while in ALARM (their OK never comes): every open incident the
 * bridge opened for an alarm of this account and region that DescribeAlarms lists on none of its pages is cleared
 * ({@link DeletedAlarms}). Only a complete listing can tell an alarm is gone.
 */
final class DeletedAlarmSweep {
    private static final Logger LOG = Logger.getLogger("dev.alertbridge.reconcile");
    private final DeletedAlarms deletedAlarms = new DeletedAlarms(new PageTexts());

    /** What the sweep found, and when its last write landed (System.nanoTime), if it wrote. */
    record Swept(List<Finding> found, OptionalLong landed) {
    }

    /**
     * @param functionArn the function's own ARN, which says the account and region when no alarm does
     * @param service the service with this StatusHub id, with the mode its links give it
     */
    Swept run(StatusHubSession session, CloudWatchAlarmStates.Listing listing, String functionArn, boolean repair,
            Duration settle, Instant now, LongFunction<LinkedService> service) {
        Optional<Existing> existing = existing(listing, functionArn);
        List<Finding> found = new ArrayList<>();
        long landed = 0;
        boolean wrote = false;
        if (existing.isEmpty()) {
            return new Swept(found, OptionalLong.empty());
        }
        for (Transition.Update clear : deletedAlarms.clears(session.incidents(), existing.get().scope(),
                existing.get().alarms(), settle, now, service)) {
            boolean writes = repair && clear.linked().mode() == WriteMode.LIVE;
            if (writes) {
                landed = session.write(clear).at();
                wrote = true;
            }
            found.add(new Finding.AlarmDeleted(Finding.Verdict.of(writes), clear.linked().id(),
                    (writes ? "cleared to " : "would clear to ") + clear.draft().status().wireName()
                            + ": the alarm was deleted",
                    clear.incidentId()));
        }
        return new Swept(found, wrote ? OptionalLong.of(landed) : OptionalLong.empty());
    }

    /** What DescribeAlarms listed, by the reference line's parts: the account and region, and every alarm there. */
    private record Existing(String scope, Set<String> alarms) {
    }

    /**
     * What tells a deleted alarm: every alarm of the account and region, when every page was read and the account is
     * known (from the alarms' ARNs, else the function's); otherwise nothing can be told missing.
     */
    private static Optional<Existing> existing(CloudWatchAlarmStates.Listing listing, String functionArn) {
        if (!listing.complete()) {
            LOG.warn("DescribeAlarms has more pages than one run reads: no alarm is taken for deleted");
            return Optional.empty();
        }
        Optional<String> scope = listing.alarms().stream().map(a -> AlarmArn.parse(a.arn()))
                .flatMap(Optional::stream).map(AlarmArn::regionAndAccount).findFirst()
                .or(() -> AlarmArn.regionAndAccountOf(functionArn));
        return scope.map(s -> new Existing(IncidentRef.scopeOf(s), listing.alarms().stream()
                .map(a -> IncidentRef.alarmPart(a.arn())).collect(Collectors.toSet())));
    }
}
