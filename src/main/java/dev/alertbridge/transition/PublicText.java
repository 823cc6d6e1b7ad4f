package dev.alertbridge.transition;

/**
 * Text the bridge writes where the public reads it (titles, update bodies). What an alert or a person typed (an alert
 * name, a service name, a description) goes into a template as a {@link #value}: kept readable ({@code CPU > 90% &
 * rising} reads {@code CPU › 90% & rising}), with only what could start a tag or a link changed, whether StatusHub
 * renders Markdown or HTML. The team's own template text around it is written as typed (Markdown on purpose).
 */
public final class PublicText {
    /** StatusHub does not publish its title limit; 255 is the usual column size and reads well on a page. */
    public static final int MAX_TITLE = 255;
    /** Detail copied from an alert into an update; the rest stays in the source. */
    public static final int MAX_DETAIL = 4000;

    private PublicText() {
    }

    /** A whole title: one line, capped. */
    public static String title(String text) {
        return shorten(printable(text).replaceAll("\\s+", " ").strip(), MAX_TITLE);
    }

    /** A whole update text, capped. */
    public static String detail(String text) {
        return shorten(printable(text).strip(), MAX_DETAIL);
    }

    /**
     * A value substituted into a template, on one line: {@code <} and {@code >} become {@code ‹} and {@code ›} (no
     * tag, no autolink, no quote block), {@code ](} becomes {@code ] (} and {@code ![} becomes {@code ! [} (no link,
     * no image). {@code *}, {@code _} and {@code #} stay as typed: on one line inside a sentence they can only
     * emphasise, and an inserted backslash or invisible character would show or be copied.
     */
    public static String value(String text) {
        return text == null ? ""
                : text.replaceAll("\\R|\\p{Cntrl}", " ").replace('<', '‹').replace('>', '›')
                        .replace("](", "] (").replace("![", "! [");
    }

    /**
     * A neutralised value as it is placed between {@code before} and {@code after} (the text around it): with a space
     * where it would join them into a link, an image or a tag ({@code ]} then {@code (}, {@code !} then {@code [},
     * a {@code <} before it).
     */
    static String between(CharSequence before, String value, CharSequence after) {
        char last = before.isEmpty() ? ' ' : before.charAt(before.length() - 1);
        char next = after.isEmpty() ? ' ' : after.charAt(0);
        return (joins(last, value.charAt(0)) ? " " : "") + value
                + (joins(value.charAt(value.length() - 1), next) ? " " : "");
    }

    private static boolean joins(char before, char first) {
        return before == ']' && first == '(' || before == '!' && first == '[' || before == '<';
    }

    /** Control characters other than line breaks and tabs become spaces; the text is otherwise as written. */
    private static String printable(String text) {
        return text == null ? "" : text.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", " ");
    }

    /** The text cut to {@code max} code points, an ellipsis marking the cut. */
    static String shorten(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }
}
