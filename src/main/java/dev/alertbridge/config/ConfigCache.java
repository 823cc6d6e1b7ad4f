package dev.alertbridge.config;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

/**
 * Keeps the configuration for one execution environment: read at most once per TTL, refreshed lazily on the
 * invocation that finds it stale (Lambda freezes background threads between invocations).
 *
 * <p>A refresh that cannot reach Parameter Store keeps serving the last good configuration and says so; a
 * refresh that finds an invalid document is an error until the document is fixed, so an invalid configuration
 * never changes StatusHub.
 */
public final class ConfigCache {
    private static final Logger LOG = Logger.getLogger(ConfigCache.class);

    private final Supplier<BridgeConfig> loader;
    private final Duration ttl;
    private BridgeConfig lastGood;
    private Instant lastGoodAt;
    private ConfigValidationException invalid;
    private Instant nextReadAt = Instant.MIN;
    private int reads;

    public ConfigCache(Supplier<BridgeConfig> loader, Duration ttl) {
        this.loader = loader;
        this.ttl = ttl;
    }

    public synchronized BridgeConfig get(Instant now) {
        if (now.isBefore(nextReadAt)) {
            if (invalid != null) {
                throw invalid;
            }
            return lastGood;
        }
        try {
            reads++;
            BridgeConfig fresh = loader.get();
            lastGood = fresh;
            lastGoodAt = now;
            invalid = null;
            nextReadAt = now.plus(ttl);
            return fresh;
        } catch (ConfigValidationException e) {
            invalid = e;
            nextReadAt = now.plus(ttl);
            throw e;
        } catch (ConfigUnavailableException e) {
            if (lastGood == null) {
                throw e; // cold start: nothing to fall back on, fail so the event is retried
            }
            LOG.warnf("configuration refresh failed, keeping the configuration loaded at %s: %s", lastGoodAt,
                    e.getMessage());
            nextReadAt = now.plus(ttl);
            return lastGood;
        }
    }

    /** How many times the source was read: one per TTL at most. */
    public synchronized int reads() {
        return reads;
    }
}
