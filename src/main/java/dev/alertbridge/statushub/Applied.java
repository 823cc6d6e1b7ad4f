package dev.alertbridge.statushub;

import dev.alertbridge.transition.Transition;

/** How one write ended: delivered, found to duplicate another environment's at the same moment, or failed. */
public sealed interface Applied {

    Transition.Write write();

    /** StatusHub accepted the write. */
    record Done(Transition.Write write, Delivered delivered) implements Applied {
    }

    /**
     * The create landed, but another execution environment created the same incident at the same moment; this one
     * was resolved as a duplicate and {@code kept} carries on.
     */
    record Duplicate(Transition.Write write, Delivered delivered, String kept) implements Applied {
    }

    /** The write did not (surely) land; {@code retryable} when a retry of the event may succeed. */
    record Failed(Transition.Write write, String why, boolean retryable) implements Applied {
    }

    /** Why a StatusHub call failed, for a report, and whether a retry of the event may help. */
    record Failure(String why, boolean retryable) {

        public static Failure of(Throwable e) {
            if (e instanceof StatusHubRejectedException rejected) {
                return new Failure(rejected.getMessage(), false);
            }
            if (e instanceof StatusHubUnavailableException || e instanceof DeadlineExceededException) {
                return new Failure(e.getMessage(), true);
            }
            // Unexpected: name the type only, a message might quote a URL with its token.
            return new Failure("unexpected " + e.getClass().getSimpleName(), true);
        }
    }
}
