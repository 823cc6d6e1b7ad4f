package dev.alertbridge.reconcile;

import java.time.Instant;

/**
 * One change of an alarm's state as its history records it ({@code OK}, {@code ALARM}, {@code INSUFFICIENT_DATA}).
 *
 * @param at when the history recorded it (within milliseconds of the state's own timestamp, not equal to it)
 */
public record StateUpdate(Instant at, String from, String to) {

    boolean into(String state) {
        return to.equals(state);
    }

    boolean outOf(String state) {
        return from.equals(state);
    }
}
