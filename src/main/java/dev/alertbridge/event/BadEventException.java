package dev.alertbridge.event;

/**
 * An event the bridge cannot act on: malformed, of an unknown shape, missing or mistyped fields. Says where and
 * what; never carries a stack trace to the caller and never quotes more than a short, printable excerpt.
 */
public class BadEventException extends RuntimeException {
    private final String where;

    public BadEventException(String where, String reason) {
        super(where + ": " + reason, null, false, false);
        this.where = where;
    }

    public String where() {
        return where;
    }
}
