package dev.alertbridge.config;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import org.jboss.logging.Logger;

import dev.alertbridge.metrics.Counters;

/**
 * Keeps the configuration for one execution environment: read at most once per TTL, refreshed lazily on the
 * invocation that finds it stale (Lambda freezes background threads between invocations).
 *
 * <p>
 * A refresh that cannot reach Parameter Store keeps serving the last good configuration and says so, but only while
 * that configuration is younger than {@code maxStale}, however it was obtained (the one read before a SnapStart
 * snapshot too: a restored environment's copy may be days old): then invocations fail loudly, so a rotated (perhaps
 * leaked) webhook token or a removed link does not come back, whoever makes the refresh fail. A refresh that finds an invalid
 * document is an
 * error until the document is fixed, so an invalid configuration never changes StatusHub.
 */
public final class ConfigCache {
    private static final Logger LOG = Logger.getLogger(ConfigCache.class);

    private final Function<Duration, BridgeConfig> loader;
    private final Duration ttl;
    private final Duration maxStale;
    private Instant failingSince;
    private BridgeConfig lastGood;
    private Instant lastGoodAt;
    private ConfigValidationException invalid;
    private Instant nextReadAt = Instant.MIN;
    private int reads;

    public ConfigCache(Function<Duration, BridgeConfig> loader, Duration ttl, Duration maxStale) {
        this.loader = loader;
        this.ttl = ttl;
        this.maxStale = maxStale;
    }

    /** The configuration, read again when stale, within {@code within} (the invocation's remaining time). */
    public synchronized BridgeConfig get(Instant now, Duration within) {
        // While refreshes fail, the last good one is not served past its age limit even between reads.
        boolean tooOldToServe = failingSince != null && Duration.between(lastGoodAt, now).compareTo(maxStale) > 0;
        if (now.isBefore(nextReadAt) && !tooOldToServe) {
            if (invalid != null) {
                throw invalid;
            }
            return lastGood;
        }
        try {
            reads++;
            Counters.increment(Counters.Count.CONFIG_RELOADS);
            BridgeConfig fresh = loader.apply(within);
            lastGood = fresh;
            lastGoodAt = now;
            failingSince = null;
            invalid = null;
            nextReadAt = now.plus(ttl);
            return fresh;
        } catch (ConfigValidationException e) {
            Counters.increment(Counters.Count.CONFIG_RELOAD_FAILURES);
            invalid = e;
            nextReadAt = now.plus(ttl);
            throw e;
        } catch (ConfigUnavailableException e) {
            Counters.increment(Counters.Count.CONFIG_RELOAD_FAILURES);
            if (lastGood == null) {
                throw e; // cold start: nothing to fall back on, fail so the event is retried
            }
            failingSince = failingSince == null ? now : failingSince;
            if (Duration.between(lastGoodAt, now).compareTo(maxStale) > 0) {
                throw new ConfigUnavailableException("the configuration cannot be refreshed since " + failingSince
                        + ", and the one loaded at " + lastGoodAt + " is older than " + maxStale.toMinutes()
                        + " min (bridge.config.max-stale): no longer served: " + e.getMessage(), e);
            }
            LOG.warnf("configuration refresh failed, keeping the configuration loaded at %s (failing since %s): %s",
                    lastGoodAt, failingSince, e.getMessage());
            nextReadAt = now.plus(ttl);
            return lastGood;
        }
    }

    /**
     * The next use reads the source again, however young the configuration: a SnapStart snapshot's copy may be
     * restored any time later, after the team rotated a token, so a restored environment reads before it
     * authenticates anything. The copy stays the fallback within its age limit.
     */
    public synchronized void readAgainOnNextUse() {
        nextReadAt = Instant.MIN;
    }

    /** How many times the source was read: one per TTL at most. */
    public synchronized int reads() {
        return reads;
    }
}
