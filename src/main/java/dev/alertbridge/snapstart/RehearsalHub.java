package dev.alertbridge.snapstart;

import java.time.Instant;

import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.BridgeSettings;
import dev.alertbridge.config.StatusHubAccount;
import dev.alertbridge.statushub.HubLine;
import dev.alertbridge.statushub.StatusHubClients;
import dev.alertbridge.statushub.StatusHubGateway;
import dev.alertbridge.statushub.StatusHubSession;

/**
 * StatusHub as a rehearsal before the snapshot reaches it, the team's hub or the {@link LoopbackHub}: over clients
 * that close each connection after its answer (no connection may outlive the snapshot: a restored environment opens
 * its own), with pacers, a cache and a memory of integration-URL posts of its own, all closed or dropped with it.
 * Nothing of the execution environment's own StatusHub (its clients, pacers, cache) is used or changed.
 */
final class RehearsalHub implements AutoCloseable {
    /** The loopback hub is not StatusHub: no rate limit to keep. */
    private static final int LOOPBACK_PACE = 1000;

    private final StatusHubGateway gateway;
    private final BridgeConfig config;
    private final StatusHubClients clients;
    private final HubLine line;

    private RehearsalHub(StatusHubGateway gateway, BridgeConfig config, StatusHubClients clients, int readsPerSecond,
            int writesPerSecond) {
        this.gateway = gateway;
        this.config = config;
        this.clients = clients;
        this.line = new HubLine(clients, readsPerSecond, writesPerSecond);
    }

    /** The team's hub, paced as its key allows: the {@link Rehearsal} only reads there. */
    static RehearsalHub teams(StatusHubGateway gateway, BridgeSettings settings, BridgeConfig config) {
        return new RehearsalHub(gateway, config, clients(settings), settings.statushub().readsPerSecond(),
                settings.statushub().writesPerSecond());
    }

    /**
     * The {@link DressRehearsal}'s hub, writes included: the configuration's account and integration URLs must be on
     * the loopback interface (its stand-in hub, never StatusHub).
     */
    static RehearsalHub onLoopback(StatusHubGateway gateway, BridgeSettings settings, BridgeConfig config) {
        StatusHubAccount loopback = config.account().orElseThrow();
        if (!loopback.onLoopback() || !config.services().values().stream()
                .allMatch(s -> s.viaManagementApi() || s.hookOnLoopback())) {
            throw new IllegalArgumentException("a rehearsal reaches only the loopback interface");
        }
        return new RehearsalHub(gateway, config, clients(settings), LOOPBACK_PACE, LOOPBACK_PACE);
    }

    private static StatusHubClients clients(BridgeSettings settings) {
        return StatusHubClients.closingEachConnection(settings.statushub().callTimeout());
    }

    /** StatusHub for one rehearsed invocation. */
    StatusHubSession session(Deadline deadline, Instant now) {
        return gateway.session(config, line, deadline, now);
    }

    @Override
    public void close() {
        clients.closeAll();
    }
}
