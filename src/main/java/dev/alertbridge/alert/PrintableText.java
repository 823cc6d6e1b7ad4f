package dev.alertbridge.alert;

/** Short, printable excerpts of external text for error messages: control characters shown as '?', length bounded. */
public final class PrintableText {
    private PrintableText() {
    }

    public static String excerpt(String text, int max) {
        String cleaned = text.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > max ? cleaned.substring(0, max) + "…" : cleaned;
    }
}
