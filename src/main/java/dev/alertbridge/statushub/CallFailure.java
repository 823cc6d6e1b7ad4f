package dev.alertbridge.statushub;

import dev.alertbridge.budget.DeadlineExceededException;

/** Why a StatusHub call failed, for a report, and whether a retry of the event may help. */
public record CallFailure(String why, boolean retryable) {

    public static CallFailure of(Throwable e) {
        if (e instanceof StatusHubRejectedException rejected) {
            return new CallFailure(rejected.getMessage(), false);
        }
        if (e instanceof StatusHubUnavailableException || e instanceof DeadlineExceededException) {
            return new CallFailure(e.getMessage(), true);
        }
        // Unexpected: name the type only, a message might quote a URL with its token.
        return new CallFailure("unexpected " + e.getClass().getSimpleName(), true);
    }
}
