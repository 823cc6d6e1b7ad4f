package dev.alertbridge.statushub;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.BridgeSettings;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.config.StatusHubAccount;
import dev.alertbridge.transition.Current;
import dev.alertbridge.transition.Transition;

/**
 * Picks each service's delivery path and keeps what each path remembers, created on first use and reused by every
 * invocation of the execution environment.
 */
@ApplicationScoped
public class StatusHubGateway {
    private final BridgeSettings settings;
    private final ObjectMapper json;
    /** Made on first use: a dry run never calls StatusHub, and needs no retry machinery. */
    private StatusHubCalls calls;
    private final Map<StatusHubAccount, ManagementApiDelivery> apis = new ConcurrentHashMap<>();
    private IntegrationUrlDelivery hooks;
    private final Map<String, DryRunDelivery.Remembered> dryRunMemory = DryRunDelivery.memory();
    private final AtomicInteger dryRunIds = new AtomicInteger();

    public StatusHubGateway(BridgeSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    /** What StatusHub shows for this alert on each service, asking each path once. */
    public Map<String, Current> lookup(BridgeConfig config, Alert alert, List<ServiceTarget> services,
            Deadline deadline, java.time.Instant now) {
        Map<StatusHubDelivery, List<ServiceTarget>> byPath = new LinkedHashMap<>();
        for (ServiceTarget service : services) {
            byPath.computeIfAbsent(delivery(config, service), d -> new java.util.ArrayList<>()).add(service);
        }
        Map<String, Current> current = new HashMap<>();
        byPath.forEach((delivery, targets) -> current.putAll(delivery.lookup(alert, targets, deadline, now)));
        return current;
    }

    /** The request a write would send, secrets redacted, without sending it (shadow mode). */
    public String preview(BridgeConfig config, Transition.Write write) {
        return DryRunDelivery.request(json, config, write);
    }

    /**
     * Applies an alert's writes: all at once, each on its service's path, awaited within the deadline, and settled
     * against creates another execution environment made at the same moment. Results in the writes' order.
     */
    public List<Applied> apply(BridgeConfig config, List<Transition.Write> writes, Deadline deadline) {
        return writes.isEmpty() ? List.of()
                : Writes.apply(writes,
                        write -> delivery(config, write.service()).apply(write, deadline),
                        (created, within) -> settle(config, created, within), deadline);
    }

    /**
     * After an alert's creates on the Management API, resolves duplicates another execution environment made at the
     * same moment; returns service id → the incident that stays, for each create that turned out a duplicate.
     */
    private Map<String, String> settle(BridgeConfig config, Map<Transition.Create, String> created,
            Deadline deadline) {
        if (settings.dryRun() || created.isEmpty() || config.account().isEmpty()) {
            return Map.of();
        }
        return apis.computeIfAbsent(config.account().get(), this::managementApi).settle(created, deadline);
    }

    /**
     * Before a SnapStart snapshot: what StatusHub shows for this (made-up) alert, read through the lookup path
     * events use, so that restored environments find it loaded. Only reads, on connections closed after each answer
     * (a restored environment opens its own) and with private pacers (the shared ones start empty after the
     * restore); the paths events use are built as well. Integration-URL services are not read (they cannot be).
     */
    public Map<String, Current> primingLookup(BridgeConfig config, Alert alert, List<ServiceTarget> services,
            Deadline deadline, java.time.Instant now) {
        services.forEach(service -> delivery(config, service));
        if (!readsStatusHub(config)) {
            return Map.of();
        }
        StatusHubAccount account = config.account().get();
        ManagementApiDelivery once = new ManagementApiDelivery(account, statusHubApi(account).closingEachConnection(),
                calls(), json, Pacer.forReads(settings.statushub().readsPerSecond()),
                Pacer.forWrites(settings.statushub().writesPerSecond()));
        return once.lookup(alert, services.stream().filter(ServiceTarget::viaManagementApi).toList(), deadline, now);
    }

    /** Whether a lookup reads StatusHub at all: not in a dry run, nor without a Management API account. */
    public boolean readsStatusHub(BridgeConfig config) {
        return !settings.dryRun() && config.account().isPresent();
    }

    public static Delivered.Via via(ServiceTarget service) {
        return service.viaManagementApi() ? Delivered.Via.MANAGEMENT_API : Delivered.Via.INTEGRATION_URL;
    }

    private StatusHubDelivery delivery(BridgeConfig config, ServiceTarget service) {
        if (settings.dryRun()) {
            return new DryRunDelivery(json, config, dryRunMemory, dryRunIds);
        }
        if (!service.viaManagementApi()) {
            return hooks();
        }
        StatusHubAccount account = config.account()
                .orElseThrow(() -> new IllegalStateException("validated configuration has an account"));
        return apis.computeIfAbsent(account, this::managementApi);
    }

    private StatusHubApi statusHubApi(StatusHubAccount account) {
        return new StatusHubApi(account.apiUrl(), settings.statushub().apiKeyHeader(), account.apiKey(), json);
    }

    private ManagementApiDelivery managementApi(StatusHubAccount account) {
        StatusHubApi api = statusHubApi(account);
        // The rate limit belongs to the API key: pace per key, whatever the hub.
        String key = Integer.toHexString(account.apiKey().hashCode());
        return new ManagementApiDelivery(account, api, calls(), json,
                Pacer.shared("reads-" + key, settings.statushub().readsPerSecond(), false),
                Pacer.shared("writes-" + key, settings.statushub().writesPerSecond(), true));
    }

    private synchronized StatusHubCalls calls() {
        if (calls == null) {
            calls = new StatusHubCalls(settings.statushub().callTimeout(), settings.statushub().retries());
        }
        return calls;
    }

    private synchronized IntegrationUrlDelivery hooks() {
        if (hooks == null) {
            hooks = new IntegrationUrlDelivery(new IntegrationHookApi(json), calls(),
                    Pacer.shared("integration-urls", settings.statushub().writesPerSecond(), true));
        }
        return hooks;
    }
}
