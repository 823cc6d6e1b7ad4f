package dev.alertbridge.alert;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * The alarm tag that sets a CloudWatch alarm's escalation level, however a team spells it ({@code escalation_level},
 * {@code EscalationLevel}, {@code escalation-level}…): in alarm events ({@code alarmTags}) and, for the
 * reconciliation, as ListTagsForResource shows it.
 */
public final class EscalationTag {
    private EscalationTag() {
    }

    public static boolean isEscalationTag(String key) {
        return key != null && key.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "").equals("escalationlevel");
    }

    /** The level a tag value states: 1, 2 or 3; empty for anything else. */
    public static OptionalInt level(String value) {
        String text = value == null ? "" : value.trim();
        return text.matches("[123]") ? OptionalInt.of(Integer.parseInt(text)) : OptionalInt.empty();
    }
}
