package dev.alertbridge.statushub;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * Builds the REST clients StatusHub is reached through: one per hub (its base URL, its key under the configured
 * header) and one per integration URL. Every answer comes back as a {@link jakarta.ws.rs.core.Response}, errors
 * included ({@code disableDefaultMapper}): {@link StatusHubCalls} reads the status itself, and no exception of the
 * client's carries a URL, which for an integration URL holds its token. Redirects are not followed: a POST is sent
 * once, to the URL configured.
 */
public final class StatusHubClients {
    /** How far past the call timeout the transport's own timeouts lie. */
    private static final Duration TRANSPORT_MARGIN = Duration.ofSeconds(1);
    private final Duration callTimeout;
    private final boolean keepAlive;
    /** Built outside Quarkus (a command from a shell): see {@link #fromShell}. */
    private final boolean shell;
    private final Map<URI, IntegrationUrlClient> hooks = new ConcurrentHashMap<>();
    /** Every client built here, for {@link #closeAll}. */
    private final List<Object> built = new CopyOnWriteArrayList<>();

    public StatusHubClients(Duration callTimeout) {
        this(callTimeout, true);
    }

    private StatusHubClients(Duration callTimeout, boolean keepAlive) {
        this(callTimeout, keepAlive, false);
    }

    private StatusHubClients(Duration callTimeout, boolean keepAlive, boolean shell) {
        this.callTimeout = callTimeout;
        this.keepAlive = keepAlive;
        this.shell = shell;
    }

    /**
     * Clients whose connections are closed after each answer: SnapStart priming (no connection may outlive the
     * snapshot; a restored environment opens its own) and the configuration check's one-off reads.
     */
    public static StatusHubClients closingEachConnection(Duration callTimeout) {
        return new StatusHubClients(callTimeout, false);
    }

    /**
     * Clients for a command run from a shell (the configuration check, explain): the Management API's reads through
     * the JAX-RS client API ({@link ShellManagementApiClient}), since the Quarkus REST client needs a running Quarkus
     * application; a connection per answer.
     */
    public static StatusHubClients fromShell(Duration callTimeout) {
        return new StatusHubClients(callTimeout, false, true);
    }

    public ManagementApiClient managementApi(URI apiUrl, String apiKeyHeader, String apiKey) {
        if (shell) {
            return kept(new ShellManagementApiClient(apiUrl, apiKeyHeader, apiKey, callTimeout));
        }
        return kept(builder(apiUrl, keepAlive).register(new ApiKeyFilter(apiKeyHeader, apiKey))
                .build(ManagementApiClient.class));
    }

    IntegrationUrlClient integrationUrl(URI hookUrl) {
        return hooks.computeIfAbsent(hookUrl, url -> kept(builder(url, keepAlive).build(IntegrationUrlClient.class)));
    }

    private <T> T kept(T client) {
        built.add(client);
        return client;
    }

    /** Closes every client built here (a rehearsal's, once it is done). */
    public void closeAll() {
        built.forEach(StatusHubClients::close);
        built.clear();
        hooks.clear();
    }

    private QuarkusRestClientBuilder builder(URI base, boolean keepAlive) {
        // Each call is bounded, whole, by StatusHubCalls (the call timeout at most, cut to the deadline). The
        // transport's own bounds are a backstop a little past it: at the same instant the two raced, and a loaded
        // machine told a slow answer as the transport's timeout instead of the call's.
        long backstop = callTimeout.plus(TRANSPORT_MARGIN).toMillis();
        return QuarkusRestClientBuilder.newBuilder().baseUri(base)
                .connectTimeout(backstop, TimeUnit.MILLISECONDS)
                .readTimeout(backstop, TimeUnit.MILLISECONDS)
                .followRedirects(false).disableDefaultMapper(true)
                .property(QuarkusRestClientProperties.KEEP_ALIVE_ENABLED, keepAlive);
    }

    /** Closes a client built here (its connections). */
    public static void close(Object client) {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // A client that will not close holds nothing the next invocation uses.
            }
        }
    }
}
