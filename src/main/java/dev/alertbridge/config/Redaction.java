package dev.alertbridge.config;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Shows URLs in messages without what can be a secret: scheme, host and path only. The query (an integration
 * URL's {@code ?token=…}, or a bare {@code ?abc123}), user information ({@code user:pass@}) and fragment are dropped,
 * and a path segment that looks like a token (16 or more letters and digits with a digit among them) is masked.
 */
public final class Redaction {
    private static final Pattern TOKEN_LIKE = Pattern.compile("(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{16,}");

    private Redaction() {
    }

    /** {@code https://u:p@hooks.statushub.io/hooks/generic?token=abc} → {@code https://hooks.statushub.io/hooks/generic}. */
    public static String url(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme() + "://";
        String host = url.getHost() == null ? "" : url.getHost();
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        StringBuilder shown = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            shown.append(shown.length() == 0 && segment.isEmpty() ? "" : "/")
                    .append(TOKEN_LIKE.matcher(segment).matches() ? "***" : segment);
        }
        return scheme + host + port + (path.isEmpty() ? "" : shown.toString().replaceFirst("^(?!/)", "/"));
    }
}
