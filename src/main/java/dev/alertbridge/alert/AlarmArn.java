package dev.alertbridge.alert;

import java.util.Locale;
import java.util.Optional;

/**
 * A CloudWatch alarm's ARN, {@code arn:<partition>:cloudwatch:<region>:<account>:alarm:<name>}: the one place ARNs
 * are taken apart. The name is kept as it is (alarm names contain colons and spaces); AWS's documentation examples
 * carry stray blanks after a colon in the fixed part ({@code us-east-1: 444455556666}), which are dropped.
 */
public record AlarmArn(String partition, String region, String account, String name) {

    /** The alarm's ARN, if the text is one. */
    public static Optional<AlarmArn> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.trim().split(":", 7);
        if (parts.length < 7 || !parts[0].strip().equalsIgnoreCase("arn")
                || !parts[2].strip().equalsIgnoreCase("cloudwatch") || !parts[5].strip().equalsIgnoreCase("alarm")
                || parts[3].isBlank() || parts[4].isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new AlarmArn(parts[1].strip(), parts[3].strip(), parts[4].strip(), parts[6]));
    }

    /**
     * {@code <region>:<account>} of any ARN ({@code arn:<partition>:<service>:<region>:<account>:...}), e.g. the
     * function's own, which says where the bridge runs.
     */
    public static Optional<String> regionAndAccountOf(String arn) {
        String[] parts = arn == null ? new String[0] : arn.trim().split(":", 6);
        return parts.length == 6 && !parts[3].isBlank() && !parts[4].isBlank()
                ? Optional.of(parts[3].strip() + ":" + parts[4].strip())
                : Optional.empty();
    }

    /** Where the alarm lives: {@code <region>:<account>}. */
    public String regionAndAccount() {
        return region + ":" + account;
    }

    /** The ARN as AWS writes it, blanks dropped. */
    @Override
    public String toString() {
        return "arn:" + partition + ":cloudwatch:" + region + ":" + account + ":alarm:" + name;
    }

    /** Whether this is the alarm another ARN names (ARNs compare ignoring case, as links match). */
    public boolean sameAs(String otherArn) {
        return otherArn != null && toString().toLowerCase(Locale.ROOT).equals(otherArn.trim().toLowerCase(Locale.ROOT));
    }
}
