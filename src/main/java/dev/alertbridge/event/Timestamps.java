package dev.alertbridge.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Parses every time format the sources send: RFC 3339 with any offset and fraction
 * ({@code 2021-10-12T09:51:03.157076+02:00}), CloudWatch's colon-less offsets ({@code 2019-10-02T17:04:40.989+0000}),
 * and Uptrends' UTC times without a zone ({@code 2018-11-08T16:26:58}). Blanks inside a timestamp are dropped: the
 * AWS documentation's alarm-action example has {@code 12: 36: 15.490}.
 */
public final class Timestamps {
    private static final Pattern COLONLESS_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");
    /** Go's zero time: Alertmanager and Grafana send it as endsAt of a firing alert. */
    private static final Instant GO_ZERO = Instant.parse("0001-01-01T00:00:00Z");

    private Timestamps() {
    }

    public static Instant parse(String text, String where) {
        String compact = text.replaceAll("\\s", "");
        compact = COLONLESS_OFFSET.matcher(compact).replaceFirst("$1:$2");
        try {
            return OffsetDateTime.parse(compact).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(compact).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new BadEventException(where, "not a timestamp: '" + Fields.excerpt(text) + "'");
            }
        }
    }

    /** True for Go's zero time, which means "not set". */
    public static boolean isUnset(Instant time) {
        return !time.isAfter(GO_ZERO);
    }
}
