package dev.alertbridge.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The function's own settings, from its environment ({@code BRIDGE_*} variables) or application.properties.
 * Service links and StatusHub credentials are data, read by {@link ConfigLoader}, not settings.
 */
@ConfigMapping(prefix = "bridge")
public interface BridgeSettings {

    /** Where the service-link configuration comes from. */
    Config config();

    /** How StatusHub is called. */
    StatusHub statushub();

    /** When true ({@code BRIDGE_DRY_RUN}), log and return the StatusHub requests instead of sending them. */
    @WithName("dry-run")
    @WithDefault("false")
    boolean dryRun();

    /**
     * The value of the {@code Stack} dimension of the bridge's metrics ({@code BRIDGE_METRICS_STACK}; the template
     * sets the stack's name), so the alarms of one deployment watch only its own functions.
     */
    @WithDefault("local")
    String metricsStack();

    /** The time an invocation may take when the runtime gives no deadline (local runs, tests). */
    @WithDefault("30s")
    Duration localBudget();

    /** Scheduled reconciliation and late alarm events. */
    Reconcile reconcile();

    /**
     * Largest event or webhook body accepted, in bytes; larger ones are rejected before parsing. The default is
     * what a Function URL accepts (6 MB), so the biggest Alertmanager group the URL delivers is read.
     */
    @WithDefault("6291456")
    int maxEventBytes();

    interface Config {
        /** Parameter Store path whose parameters (recursive, decrypted) are the configuration documents. */
        @WithDefault("/statushub-bridge/")
        String path();

        /**
         * A local JSON document used instead of Parameter Store ({@code BRIDGE_CONFIG_FILE}); a path on disk
         * or {@code classpath:name}. Meant for development and tests.
         */
        Optional<String> file();

        /** How long a loaded configuration is used before Parameter Store is read again ({@code BRIDGE_CONFIG_TTL}). */
        @WithDefault("60s")
        Duration ttl();

        /**
         * How long the last good configuration is still served once refreshes start failing
         * ({@code BRIDGE_CONFIG_MAX_STALE}); after that invocations fail until Parameter Store answers again.
         */
        @WithDefault("15m")
        Duration maxStale();
    }

    interface Reconcile {
        /** How long an alarm must have been OK before a run clears its incident (the OK event may be on its way). */
        @WithDefault("5m")
        Duration grace();

        /**
         * A CloudWatch ALARM or clear whose state change is older than this (Lambda's retries come after about 1 and
         * 3 minutes; a first delivery within seconds) is checked against the alarm's current state first.
         */
        @WithDefault("30s")
        Duration lateAlarmAfter();

        /**
         * How often the schedule runs a reconciliation (the template sets it from {@code ReconcileRateMinutes}). An
         * ALARM period that began before the previous run was posted to integration URLs by its event or by that
         * run; a person may have resolved it there since, so a run never posts its open again.
         */
        @WithDefault("5m")
        Duration every();
    }

    interface StatusHub {
        /** Name of the Management API key header; StatusHub has not confirmed it publicly. */
        @WithDefault("X-API-KEY")
        String apiKeyHeader();

        /** Upper bound of one StatusHub call; shortened further to fit the invocation's remaining time. */
        @WithDefault("5s")
        Duration callTimeout();

        /** Time kept back from the Lambda deadline to write the report and fail cleanly. */
        @WithDefault("1500ms")
        Duration reportMargin();

        /** Writes per second per API key that StatusHub allows (5 documented); pacing stays under it. */
        @WithDefault("5")
        int writesPerSecond();

        /** GETs per second per API key that StatusHub allows (30 documented). */
        @WithDefault("30")
        int readsPerSecond();

        /** How many times one call is retried in the same invocation on a transient failure. */
        @WithDefault("2")
        int retries();

        /**
         * How far back the bridge looks for an alert's newest incident when an ALARM → ALARM update must know whether
         * a person resolved it.
         */
        @WithDefault("7d")
        Duration lookback();
    }
}
