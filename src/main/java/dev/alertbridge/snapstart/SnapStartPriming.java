package dev.alertbridge.snapstart;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.ConfigLoader;
import dev.alertbridge.config.ConfigUnavailableException;
import dev.alertbridge.config.ConfigValidationException;
import dev.alertbridge.metrics.Counters;
import dev.alertbridge.report.ReportLog;
import dev.alertbridge.statushub.StatusHubGateway;
import io.quarkus.runtime.StartupEvent;

/**
 * When Lambda initialises a version for SnapStart, runs what the first event would otherwise load from cold: the
 * Parameter Store read through the SDK's signer, the StatusHub request path with one read, a rehearsal of the
 * decisions, request bodies and report of an alert opening and clearing on every configured service, sent nowhere,
 * and a {@link DressRehearsal} of the whole event path, writes included, against a hub on the loopback interface. The snapshot
 * then holds
 * those classes loaded and their code warm, so a restored environment handles its first alert in tens of
 * milliseconds. On-demand environments skip it: there it would only move the same work earlier (measured in the
 * benchmark).
 *
 * <p>
 * {@code quarkus.snapstart.full-warmup} makes Quarkus start during Lambda's init, before the snapshot, so this
 * observer runs there. The configuration read here only warms the read path: the first event after a restore
 * reads Parameter Store again (a token may have been rotated since the snapshot).
 */
@ApplicationScoped
public class SnapStartPriming {
    /** What Lambda sets in {@code AWS_LAMBDA_INITIALIZATION_TYPE} while it initialises for a snapshot. */
    static final String SNAP_START = "snap-start";
    private static final Logger LOG = Logger.getLogger(SnapStartPriming.class);
    private static final Duration BUDGET = Duration.ofSeconds(10);

    private final ConfigLoader configs;
    private final Rehearsal rehearsals;
    private final DressRehearsal dressRehearsal;
    private final StatusHubGateway gateway;
    private final ReportLog log;
    private final Clock clock;
    private final String initializationType;

    public SnapStartPriming(ConfigLoader configs, Rehearsal rehearsals, DressRehearsal dressRehearsal,
            StatusHubGateway gateway, ReportLog log,
            Clock clock,
            @ConfigProperty(name = "aws.lambda.initialization-type", defaultValue = "on-demand") String initializationType) {
        this.configs = configs;
        this.rehearsals = rehearsals;
        this.dressRehearsal = dressRehearsal;
        this.gateway = gateway;
        this.log = log;
        this.clock = clock;
        this.initializationType = initializationType;
    }

    void beforeSnapshot(@Observes StartupEvent started) {
        if (!SNAP_START.equals(initializationType)) {
            return;
        }
        long start = System.nanoTime();
        try {
            BridgeConfig config = configs.current(clock.instant(), BUDGET);
            Rehearsal.Done rehearsal = rehearsals.run(config, Deadline.in(BUDGET, clock),
                    clock.instant());
            int reported = log.write(rehearsal.report()).length();
            String dress = "no dress rehearsal (dry run: nothing is written)";
            if (gateway.sends()) {
                long dressStart = System.nanoTime();
                int loopbackWrites = dressRehearsal.run(Deadline.in(BUDGET, clock), clock.instant());
                dress = String.format("%d alarm events taken end to end against a loopback hub (%d writes to it) in "
                        + "%d ms", 2 * DressRehearsal.ROUNDS, loopbackWrites,
                        Duration.ofNanos(System.nanoTime() - dressStart).toMillis());
            }
            LOG.infof("primed for the SnapStart snapshot in %d ms: configuration read (%d links, %d services), %s, "
                    + "an alert's open and clear rehearsed (%d characters of report, nothing sent), %s",
                    Duration.ofNanos(System.nanoTime() - start).toMillis(), config.links().size(),
                    config.services().size(), rehearsal.statusHub(), reported, dress);
        } catch (ConfigValidationException | ConfigUnavailableException e) {
            LOG.warnf("SnapStart priming stopped: %s; restored environments read the configuration on their first "
                    + "event", e.getMessage());
        } catch (IOException | RuntimeException e) {
            // Priming must never fail the init. Only the type: a message might quote an integration URL's token.
            LOG.warnf("SnapStart priming stopped: unexpected %s; restored environments start from their first event",
                    e.getClass().getSimpleName());
        } finally {
            configs.readAgainOnNextUse();
            // What the priming counted (its configuration read, anything its rehearsals met) happened in the init,
            // not in an invocation: the first event's metrics line counts only that event.
            Counters.takeAll();
            // Its once-per-environment warnings too: each restored environment is an environment of its own.
            gateway.primed();
        }
    }
}
