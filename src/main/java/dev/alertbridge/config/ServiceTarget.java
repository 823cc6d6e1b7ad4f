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
 * @param publish how the bridge speaks on this service's incidents ({@code "publish"}), over the configuration's
 */
public record ServiceTarget(String id, String name, Long serviceId, URI hookUrl, Publish publish) {

    public ServiceTarget {
        publish = publish == null ? Publish.NONE : publish;
    }

    public ServiceTarget(String id, String name, Long serviceId, URI hookUrl) {
        this(id, name, serviceId, hookUrl, Publish.NONE);
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
