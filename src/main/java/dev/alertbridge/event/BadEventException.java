package dev.alertbridge.event;

/**
 * An event the bridge cannot act on: malformed, of an unknown shape, missing or mistyped fields. Says where and
 * what; never carries a stack trace to the caller and never quotes more than a short, printable excerpt.
 */
public class BadEventException extends RuntimeException {
    private final String where;
    private final String reason;

    public BadEventException(String where, String reason) {
        super(where + ": " + reason, null, false, false);
        this.where = where;
        this.reason = reason;
    }

    /** The same problem seen from a wrapper: {@code $.detail} inside {@code $.alarm} is {@code $.alarm.detail}. */
    BadEventException inside(String wrapperPath) {
        return new BadEventException(where.startsWith("$") ? wrapperPath + where.substring(1)
                : wrapperPath + "." + where, reason);
    }
}
