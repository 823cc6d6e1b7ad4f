package dev.alertbridge.pipeline;

import java.util.concurrent.Callable;

import dev.alertbridge.budget.DeadlineExceededException;
import dev.alertbridge.statushub.StatusHubCalls;
import dev.alertbridge.statushub.StatusHubUnavailableException;
import io.smallrye.faulttolerance.api.Guard;

/**
 * A service's decision and its write, taken again when StatusHub held the write back (a 429, a refused connection:
 * surely not applied): after the wait it asked for ({@link StatusHubCalls.RetryAfterBackoff}), from what StatusHub
 * shows then, never re-sent with the body decided before the wait.
 */
sealed interface HeldBackWrites {
    /** A dry run's hub holds nothing back: each decision runs once, with no retry machinery. */
    HeldBackWrites ONCE = new Once();

    /** Runs the decision and its write; held back, runs them again after the wait. */
    <T> T decided(Callable<T> decideAndWrite, Class<T> type);

    /**
     * Every attempt, the first included, and every wait are SmallRye Fault Tolerance's retry: the first attempt and
     * three more at most. Built where SmallRye's Guard is at hand (the function's CDI container, so never in a static
     * initializer: Quarkus loads the application's classes before it is up).
     */
    static HeldBackWrites retried() {
        return new Retried(Guard.create().withRetry().maxRetries(3)
                .whenException(e -> e instanceof StatusHubUnavailableException u && u.notApplied())
                .withCustomBackoff().strategy(StatusHubCalls.RetryAfterBackoff::new).done().done().build());
    }

    record Once() implements HeldBackWrites {
        @Override
        public <T> T decided(Callable<T> decideAndWrite, Class<T> type) {
            return unchecked(decideAndWrite);
        }
    }

    record Retried(Guard guard) implements HeldBackWrites {
        @Override
        public <T> T decided(Callable<T> decideAndWrite, Class<T> type) {
            return unchecked(() -> guard.call(decideAndWrite, type));
        }
    }

    /** The outcome as the pipeline reports failures: StatusHub's own exceptions as they are. */
    private static <T> T unchecked(Callable<T> action) {
        try {
            return action.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadlineExceededException("wait for StatusHub (interrupted)");
        } catch (Exception e) {
            throw StatusHubUnavailableException.mayHaveApplied("StatusHub", e.getClass().getSimpleName());
        }
    }
}
