package dev.alertbridge.config;

import java.net.URI;

/**
 * A StatusHub service the bridge may update: through the Management API ({@code serviceId}) or through the
 * service's own integration URL ({@code hookUrl}, whose token makes the URL a secret).
 *
 * @param id the key of the service in the configuration
 * @param name the service's display name
 * @param serviceId Management API id, or null
 * @param hookUrl integration URL, or null
 * @param policy what the service says of its page policy, over the configuration's and under its links'
 */
public record ServiceTarget(String id, String name, Long serviceId, URI hookUrl, PagePolicy policy) {

    public ServiceTarget {
        policy = policy == null ? PagePolicy.NONE : policy;
    }

    /** A service reached through the Management API, with no policy of its own. */
    public static ServiceTarget viaApi(String id, String name, long serviceId) {
        return new ServiceTarget(id, name, serviceId, null, PagePolicy.NONE);
    }

    /** A service reached through its integration URL, with no policy of its own. */
    public static ServiceTarget viaHook(String id, String name, URI hookUrl) {
        return new ServiceTarget(id, name, null, hookUrl, PagePolicy.NONE);
    }

    public boolean viaManagementApi() {
        return serviceId != null;
    }

    /** Whether its integration URL is on this machine's loopback interface (false without one). */
    public boolean hookOnLoopback() {
        return hookUrl != null && hookUrl.getHost() != null && DocumentFields.isLoopback(hookUrl.getHost());
    }

    /**
     * What the service is on StatusHub, whatever its key in the configuration: {@code api:<serviceId>}, or
     * {@code hook:<the URL>} (the URL is only ever hashed into references, never written out).
     */
    public String stableKey() {
        return viaManagementApi() ? "api:" + serviceId : "hook:" + hookUrl;
    }

    /** The integration URL with its query (the token) hidden, for logs and reports. */
    public String redactedHookUrl() {
        return hookUrl == null ? "" : Redaction.url(hookUrl);
    }

    @Override
    public String toString() {
        return "ServiceTarget[" + id + (viaManagementApi() ? ", serviceId=" + serviceId : ", hookUrl=" + redactedHookUrl())
                + "]";
    }
}
