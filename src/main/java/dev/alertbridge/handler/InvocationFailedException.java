package dev.alertbridge.handler;

/**
 * Fails an asynchronous invocation so Lambda retries it and, after its retries, sends it to the failure
 * destination with this message as the reason. Carries no stack trace: the reason is the whole story.
 */
public class InvocationFailedException extends RuntimeException {
    public InvocationFailedException(String reason) {
        super(reason, null, false, false);
    }
}
