package dev.alertbridge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Real-shaped CloudWatch "Alarm State Change" events (EventBridge), from the project's own fixtures
 * ({@code src/test/resources/events/eventbridge/1-alarm.json}, {@code 2-ok.json}, copied here), for any alarm name
 * and any episode. An episode is one ALARM → OK cycle: the bridge identifies it by the alarm ARN and the time the
 * alarm entered ALARM, so every episode opens a new incident and its OK clears exactly that one.
 *
 * <p>Only the JDK is used: the JMH fork loads this class next to the function's own libraries.
 */
public final class Events {
    private static final String ALARM = resource("events/1-alarm.json");
    private static final String OK = resource("events/2-ok.json");
    private static final String NAME = "ServerCpuTooHigh";
    private static final String ALARM_STATE_TIME = "2019-10-02T17:04:40.989+0000";
    private static final String ALARM_EVENT_TIME = "2019-10-02T17:04:40Z";
    private static final String OK_STATE_TIME = "2019-10-02T17:34:40.989+0000";
    private static final String OK_EVENT_TIME = "2019-10-02T17:34:40Z";
    private static final DateTimeFormatter STATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS+0000")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    /** Episodes are a minute apart, starting two years ago: distinct start times, all in the past (up to ~10^6). */
    private static final Instant FIRST_EPISODE = Instant.now().truncatedTo(ChronoUnit.MINUTES)
            .minus(Duration.ofDays(2 * 365));

    private Events() {
    }

    /** When episode {@code n} entered ALARM. */
    static Instant openedAt(long episode) {
        return FIRST_EPISODE.plus(Duration.ofMinutes(episode)).plusMillis(123);
    }

    /** The ALARM event of this alarm's episode {@code n}. */
    public static String alarm(String alarmName, long episode) {
        return alarm(alarmName, openedAt(episode));
    }

    /** The ALARM event of this alarm entering ALARM at {@code opened}. */
    static String alarm(String alarmName, Instant opened) {
        return replace(replace(replace(ALARM, ALARM_STATE_TIME, STATE_TIME.format(opened)), ALARM_EVENT_TIME,
                EVENT_TIME.format(opened)), NAME, alarmName);
    }

    /** The OK event ending this alarm's episode {@code n}, 30 s after it opened. */
    public static String ok(String alarmName, long episode) {
        Instant opened = openedAt(episode);
        return ok(alarmName, opened, opened.plusSeconds(30));
    }

    /** The OK event of this alarm, in ALARM since {@code opened}, back to OK at {@code cleared}. */
    static String ok(String alarmName, Instant opened, Instant cleared) {
        String event = replace(OK, ALARM_STATE_TIME, STATE_TIME.format(opened));
        event = replace(event, OK_STATE_TIME, STATE_TIME.format(cleared));
        event = replace(event, OK_EVENT_TIME, EVENT_TIME.format(cleared));
        return replace(event, NAME, alarmName);
    }

    /** Replaces every occurrence, and fails loudly if the fixture no longer has it. */
    private static String replace(String text, String what, String with) {
        if (!text.contains(what)) {
            throw new IllegalStateException("event fixture no longer contains '" + what + "'");
        }
        return text.replace(what, with);
    }

    private static String resource(String name) {
        try (InputStream in = Events.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing bench resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
