package dev.alertbridge.config;

/**
 * The bridge's own stack. CloudFormation names the alarms it makes {@code <stack>-<LogicalId>-<suffix>} (failed
 * events, function errors, throttles): they say the bridge needs attention, never that a service is down, so they
 * never reach the page, whatever a link says (a {@code *} link included). The name is matched ignoring case, as
 * links are.
 */
public final class OwnStack {
    /** Why such an alarm writes nothing, for the report. */
    public static final String WHY = "an alarm of the bridge's own stack";

    private OwnStack() {
    }

    /**
     * Whether the alarm, by its name or ARN, is one of the stack's ({@code stack}: the stack's name, or blank for
     * none).
     */
    public static boolean alarm(String stack, String alarm) {
        if (stack == null || stack.isBlank() || alarm == null) {
            return false;
        }
        int name = alarm.startsWith("arn:") ? alarm.indexOf(":alarm:") : -1;
        String alarmName = name < 0 ? alarm : alarm.substring(name + ":alarm:".length());
        return alarmName.regionMatches(true, 0, stack + "-", 0, stack.length() + 1);
    }
}
