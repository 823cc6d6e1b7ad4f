package dev.alertbridge.statushub;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.alertbridge.config.StatusHubAccount;

/**
 * A line to StatusHub of a caller's own, instead of the execution environment's (SnapStart's rehearsals): its
 * clients, pacers at its own rates (integration-URL posts at the writes' rate), a cache of full reads and a memory
 * of integration-URL posts, for every session made on it ({@link StatusHubGateway#session(
 * dev.alertbridge.config.BridgeConfig, HubLine, dev.alertbridge.budget.Deadline, java.time.Instant)}). Nothing of
 * it is kept by the gateway; its clients are the caller's to close.
 */
public final class HubLine {
    private final StatusHubClients clients;
    private final Pacer reads;
    private final Pacer writes;
    private final Pacer posts;
    private final IncidentCache cache = new IncidentCache();
    private final Map<StatusHubAccount, HubApi> apis = new ConcurrentHashMap<>();
    private HookPosts hookPosts;

    public HubLine(StatusHubClients clients, int readsPerSecond, int writesPerSecond) {
        this.clients = clients;
        this.reads = Pacer.perSecond(readsPerSecond);
        this.writes = Pacer.perSecond(writesPerSecond);
        this.posts = Pacer.perSecond(writesPerSecond);
    }

    StatusHubClients clients() {
        return clients;
    }

    Pacer reads() {
        return reads;
    }

    Pacer writes() {
        return writes;
    }

    IncidentCache cache() {
        return cache;
    }

    /** The hub's API on this line, built once. */
    HubApi api(StatusHubAccount account, Function<StatusHubAccount, HubApi> build) {
        return apis.computeIfAbsent(account, build);
    }

    /** The integration URLs' posts on this line, built once: what it posted is remembered across its sessions. */
    synchronized HookPosts hookPosts(Function<Pacer, HookPosts> build) {
        if (hookPosts == null) {
            hookPosts = build.apply(posts);
        }
        return hookPosts;
    }
}
