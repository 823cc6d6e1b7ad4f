package dev.alertbridge.handler;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.ConfigLoader;
import dev.alertbridge.statushub.StatusHubGateway;

/**
 * Starts, while the runtime is still starting, what the first event would otherwise wait for: the Parameter
 * Store client and the configuration read, then the StatusHub clients. It runs beside the runtime's own start on
 * a second core; the first invocation waits for it (the configuration cache is locked while loading) instead of
 * doing the same work again. With SnapStart this happens before the snapshot, so restored environments start warm.
 * Failures are left to the first event, which reports them.
 */
@ApplicationScoped
public class WarmUp {
    private static final Logger LOG = Logger.getLogger(WarmUp.class);

    private final ConfigLoader configs;
    private final StatusHubGateway gateway;
    private final Clock clock;

    public WarmUp(ConfigLoader configs, StatusHubGateway gateway, Clock clock) {
        this.configs = configs;
        this.gateway = gateway;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent started) {
        // Two threads: the configuration read waits on the network, the client classes load meanwhile.
        start("warm-up-config", this::prime);
        start("warm-up-clients", gateway::loadClientClasses);
    }

    private static void start(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void prime() {
        try {
            BridgeConfig config = configs.current(clock.instant());
            gateway.prepare(config);
        } catch (RuntimeException e) {
            LOG.debugf("warm-up left to the first event: %s", e.getMessage());
        }
    }
}
