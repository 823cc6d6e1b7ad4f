package dev.alertbridge.config;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shows URLs in messages without what can be a secret: scheme, host and path only. The query (an integration
 * URL's {@code ?token=…}, or a bare {@code ?abc123}), user information ({@code user:pass@}) and fragment are dropped,
 * and a path segment that looks like a token (16 or more letters and digits with a digit among them) is masked.
 */
public final class Redaction {
    private static final Pattern TOKEN_LIKE = Pattern.compile("(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{16,}");
    private static final Pattern TOKEN_WORD = Pattern.compile("(?<![A-Za-z0-9_-])" + TOKEN_LIKE.pattern()
            + "(?![A-Za-z0-9_-])");
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>]+");

    private Redaction() {
    }

    /**
     * Text from outside (an error StatusHub sent) with what may be a secret masked: each URL as {@link #url} shows
     * it, and each token-like word (16 or more letters, digits, {@code _} or {@code -}, a digit among them).
     */
    public static String text(String text) {
        StringBuilder shown = new StringBuilder();
        Matcher url = URL.matcher(text);
        int from = 0;
        while (url.find()) {
            shown.append(tokens(text.substring(from, url.start())));
            try {
                shown.append(url(URI.create(url.group())));
            } catch (IllegalArgumentException e) {
                shown.append("***");
            }
            from = url.end();
        }
        return shown.append(tokens(text.substring(from))).toString();
    }

    private static String tokens(String text) {
        return TOKEN_WORD.matcher(text).replaceAll("***");
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
