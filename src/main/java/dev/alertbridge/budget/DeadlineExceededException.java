package dev.alertbridge.budget;

/** Not enough of the invocation's time is left for this call or wait: transient, the event's retry finishes it. */
public class DeadlineExceededException extends RuntimeException {
    public DeadlineExceededException(String what) {
        super("not enough time left in this invocation to " + what, null, false, false);
    }
}
