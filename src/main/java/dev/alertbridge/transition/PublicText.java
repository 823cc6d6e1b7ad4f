package dev.alertbridge.transition;

/**
 * Text the bridge writes where the public reads it (titles, update bodies). Names are whatever people type
 * ({@code CPU > 90% & rising}) and are kept readable; only what could start markup is neutralised: {@code <}
 * becomes {@code ‹}, so no tag can form, while {@code >}, {@code &} and quotes stay as typed.
 */
public final class PublicText {
    /** StatusHub does not publish its title limit; 255 is the usual column size and reads well on a page. */
    public static final int MAX_TITLE = 255;
    /** Detail copied from an alert into an update; the rest stays in the source. */
    public static final int MAX_DETAIL = 4000;

    private PublicText() {
    }

    public static String title(String text) {
        return shorten(neutral(text).replaceAll("\\s+", " ").strip(), MAX_TITLE);
    }

    public static String detail(String text) {
        return shorten(neutral(text).strip(), MAX_DETAIL);
    }

    private static String neutral(String text) {
        return text == null ? "" : text.replace('<', '‹').replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", " ");
    }

    /** The text cut to {@code max} code points, an ellipsis marking the cut. */
    static String shorten(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }
}
