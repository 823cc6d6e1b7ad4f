package dev.alertbridge.config;

import java.net.URI;

/** Hides the secret parts of URLs: integration URLs carry their token in the query string. */
public final class Redaction {
    private Redaction() {
    }

    /** {@code https://hooks.statushub.io/hooks/generic?token=abc} → {@code https://hooks.statushub.io/hooks/generic?token=***}. */
    public static String url(URI url) {
        String base = url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
        String query = url.getRawQuery();
        if (query == null || query.isEmpty()) {
            return base;
        }
        StringBuilder hidden = new StringBuilder();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            hidden.append(hidden.length() == 0 ? "?" : "&").append(eq < 0 ? pair : pair.substring(0, eq) + "=***");
        }
        return base + hidden;
    }
}
