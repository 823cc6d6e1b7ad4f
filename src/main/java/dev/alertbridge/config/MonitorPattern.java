package dev.alertbridge.config;

import java.util.Locale;

/**
 * A link's {@code monitor}: a name, ARN or GUID where {@code *} stands for any run of characters, anywhere
 * ({@code Checkout-*}, {@code *-prod}, {@code *}). Matching ignores case and keeps every other character, so alarm
 * names and ARNs with spaces match as written.
 */
public final class MonitorPattern {
    private final String pattern;
    private final String written;

    public MonitorPattern(String pattern) {
        this.pattern = pattern.toLowerCase(Locale.ROOT);
        this.written = pattern;
    }

    public boolean matches(String monitor) {
        return glob(pattern, monitor.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether it matches with the case as written, as CloudWatch's and EventBridge's own name filters compare: the
     * configuration check names alarms a link matches only ignoring case.
     */
    public boolean matchesWithCase(String monitor) {
        return glob(written, monitor);
    }

    /** Iterative wildcard match with backtracking to the last star: linear for real patterns, no regex. */
    private static boolean glob(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
