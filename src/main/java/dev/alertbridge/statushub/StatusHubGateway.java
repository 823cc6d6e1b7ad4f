package dev.alertbridge.statushub;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.BridgeSettings;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.config.StatusHubAccount;

/**
 * StatusHub for this execution environment: what outlives one invocation (each hub's API client, its cache of
 * incidents read in full, the pacers of each API key, what was posted to integration URLs), made on first use.
 */
@ApplicationScoped
public class StatusHubGateway {
    private final BridgeSettings settings;
    private final ObjectMapper json;
    /** Made on first use: a dry run never calls StatusHub, and needs no retry machinery. */
    private StatusHubCalls calls;
    /** Made on first use too: a dry run builds no REST client. */
    private StatusHubClients clients;
    private final Map<StatusHubAccount, Hub> hubs = new ConcurrentHashMap<>();
    /** The rate limit belongs to the API key: one pacer per key and kind, whatever the hub. */
    private final Map<String, Pacer> pacers = new ConcurrentHashMap<>();
    private HookPosts hooks;
    /** A command from a shell: StatusHub's documented limits per key, and the function's call timeout. */
    private static final int SHELL_READS_PER_SECOND = 30;
    private static final int SHELL_WRITES_PER_SECOND = 5;
    private static final Duration SHELL_CALL_TIMEOUT = Duration.ofSeconds(5);

    /** One hub's API and what is kept of it between invocations. */
    private record Hub(HubApi api, IncidentCache cache) {
    }

    public StatusHubGateway(BridgeSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    /** StatusHub for one invocation. */
    public StatusHubSession session(BridgeConfig config, Deadline deadline, Instant now) {
        HubSession hub = config.account().map(account -> {
            Hub reached = hubs.computeIfAbsent(account, this::hub);
            return new HubSession(reached.api(), reached.cache(), deadline, now);
        }).orElse(null);
        return new StatusHubSession(hub, hooks(), deadline, now, settings.statushub().lookback(), settings.dryRun());
    }

    /**
     * After the SnapStart priming, just before the snapshot: what it warned about once per environment (an unreadable
     * maintenance list) went to the init's log, and every environment restored from the snapshot warns on its own.
     */
    public void primed() {
        HubSession.forgetWarnings();
    }

    /**
     * StatusHub for one invocation over a line of the caller's own (SnapStart's rehearsals): the configuration's hub
     * through the line's clients and pacers, with the line's cache and memory of integration-URL posts; nothing of
     * it is kept here. A dry run's hub answers from memory, as on its events.
     */
    public StatusHubSession session(BridgeConfig config, HubLine line, Deadline deadline, Instant now) {
        HubSession hub = config.account().map(account -> new HubSession(settings.dryRun()
                ? hubs.computeIfAbsent(account, this::hub).api()
                : line.api(account, a -> managementApi(a, line.clients(), line.reads(), line.writes())),
                line.cache(), deadline, now)).orElse(null);
        HookPosts posts = settings.dryRun() ? hooks()
                : line.hookPosts(pacer -> new HookPosts(json, line.clients(), calls(), pacer, false));
        return new StatusHubSession(hub, posts, deadline, now, settings.statushub().lookback(), settings.dryRun());
    }

    /**
     * StatusHub for a command run from a shell (explain): the function's own requests, paced to StatusHub's
     * documented limits, each call asked once (no CDI container for retries) on connections closed after each
     * answer. It only reads: nothing is posted to integration URLs.
     */
    public static StatusHubSession fromShell(BridgeConfig config, String apiKeyHeader, ObjectMapper json,
            Deadline deadline, Instant now, Duration lookback) {
        HubSession hub = config.account().map(account -> new HubSession(new ManagementApi(account,
                StatusHubClients.fromShell(SHELL_CALL_TIMEOUT).managementApi(account.apiUrl(),
                        apiKeyHeader, account.apiKey()),
                StatusHubCalls.once(SHELL_CALL_TIMEOUT), json, Pacer.perSecond(SHELL_READS_PER_SECOND),
                Pacer.perSecond(SHELL_WRITES_PER_SECOND)), new IncidentCache(), deadline, now)).orElse(null);
        HookPosts never = new HookPosts(json, null, null, Pacer.perSecond(SHELL_WRITES_PER_SECOND), true);
        return new StatusHubSession(hub, never, deadline, now, lookback, false);
    }

    /** How a service is reached. */
    public static Delivered.Via via(ServiceTarget service) {
        return service.viaManagementApi() ? Delivered.Via.MANAGEMENT_API : Delivered.Via.INTEGRATION_URL;
    }

    /** Whether this environment sends anything to StatusHub: not in a dry run. */
    public boolean sends() {
        return !settings.dryRun();
    }

    /** Whether a session reads StatusHub at all: not in a dry run, nor without a Management API account. */
    public boolean readsStatusHub(BridgeConfig config) {
        return !settings.dryRun() && config.account().isPresent();
    }

    private Hub hub(StatusHubAccount account) {
        if (settings.dryRun()) {
            return new Hub(new DryRunHub(json, account), new IncidentCache());
        }
        String key = Integer.toHexString(account.apiKey().hashCode());
        return new Hub(managementApi(account, clients(),
                pacers.computeIfAbsent("reads-" + key, k -> Pacer.perSecond(settings.statushub().readsPerSecond())),
                pacers.computeIfAbsent("writes-" + key, k -> Pacer.perSecond(settings.statushub().writesPerSecond()))),
                new IncidentCache());
    }

    /** The hub's Management API through these clients, paced by these pacers. */
    private HubApi managementApi(StatusHubAccount account, StatusHubClients through, Pacer reads, Pacer writes) {
        return new ManagementApi(account, through.managementApi(account.apiUrl(), settings.statushub().apiKeyHeader(),
                account.apiKey()), calls(), json, reads, writes);
    }

    private synchronized StatusHubClients clients() {
        if (clients == null) {
            clients = new StatusHubClients(settings.statushub().callTimeout());
        }
        return clients;
    }

    private synchronized StatusHubCalls calls() {
        if (calls == null) {
            calls = new StatusHubCalls(settings.statushub().callTimeout(), settings.statushub().retries());
        }
        return calls;
    }

    private synchronized HookPosts hooks() {
        if (hooks == null) {
            hooks = new HookPosts(json, settings.dryRun() ? null : clients(), settings.dryRun() ? null : calls(),
                    Pacer.perSecond(settings.statushub().writesPerSecond()), settings.dryRun());
        }
        return hooks;
    }
}
