package dev.alertbridge.report;

import java.util.Locale;

/**
 * What an invocation was, for its report line ({@code "invocation"}) and its metrics ({@code Source}).
 *
 * @param label {@code alarm}, {@code reconcile}, {@code check}, {@code explain} or {@code webhook <path>}
 * @param source the metrics' {@code Source}: cloudwatch, uptrends, alertmanager, grafana, or unknown
 */
public record InvocationKind(String label, String source) {

    public static InvocationKind alarm() {
        return new InvocationKind("alarm", "cloudwatch");
    }

    public static InvocationKind reconcile() {
        return new InvocationKind("reconcile", "cloudwatch"); // the alarms it replays are CloudWatch's
    }

    public static InvocationKind check() {
        return new InvocationKind("check", "unknown");
    }

    public static InvocationKind explain() {
        return new InvocationKind("explain", "unknown");
    }

    /** A Function URL request: its source is the path's webhook, when it names one. */
    public static InvocationKind webhook(String path) {
        String name = path == null ? "" : path.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        return new InvocationKind("webhook " + path,
                name.matches("uptrends|alertmanager|grafana") ? name : "unknown");
    }
}
