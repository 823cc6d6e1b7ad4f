package dev.alertbridge.alert;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one reader of the times the sources and StatusHub send: RFC 3339 with any offset and fraction
 * ({@code 2021-10-12T09:51:03.157076+02:00}), colon-less offsets ({@code 2019-10-02T17:04:40.989+0000}), UTC times
 * without a zone ({@code 2018-11-08T16:26:58}). Blanks inside are dropped: the AWS documentation's alarm-action
 * example has {@code 12: 36: 15.490}.
 */
public final class Times {
    private static final Pattern COLONLESS_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");

    private Times() {
    }

    /** The instant, or empty when the text is no time. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String compact = text.replaceAll("\\s", "");
        compact = COLONLESS_OFFSET.matcher(compact).replaceFirst("$1:$2");
        try {
            return Optional.of(OffsetDateTime.parse(compact).toInstant());
        } catch (DateTimeParseException withoutOffset) {
            try {
                return Optional.of(LocalDateTime.parse(compact).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }
}
