package dev.alertbridge.statushub;

import java.net.URI;
import java.util.Map;

/**
 * One request to StatusHub, ready to send. It may hold the API key (a header) and an integration URL's token (the
 * URI), so its text names only the method.
 *
 * @param keepAlive false for a request whose connection must not be kept for the next one (the SnapStart priming
 *        read: a restored environment opens its own connections)
 */
public record HubRequest(String method, URI uri, Map<String, String> headers, byte[] body, boolean keepAlive) {

    static HubRequest get(URI uri, Map<String, String> headers) {
        return new HubRequest("GET", uri, headers, null, true);
    }

    static HubRequest post(URI uri, Map<String, String> headers, byte[] json) {
        return new HubRequest("POST", uri, headers, json, true);
    }

    /** The same request on a connection closed after its answer. */
    HubRequest once() {
        return new HubRequest(method, uri, headers, body, false);
    }

    @Override
    public String toString() {
        return "HubRequest[" + method + "]";
    }
}
