package dev.alertbridge.statushub;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.alertbridge.budget.Deadline;
import dev.alertbridge.budget.DeadlineExceededException;

/**
 * The threads that call StatusHub concurrently, one pool per execution environment, created on first use. Its idle
 * threads cost nothing while Lambda freezes the environment; the pacers, not the pool, bound the request rate.
 */
public final class FanOut {
    private static ExecutorService pool;

    private FanOut() {
    }

    public static synchronized ExecutorService executor() {
        if (pool == null) {
            pool = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "statushub-fan-out");
                thread.setDaemon(true);
                return thread;
            });
        }
        return pool;
    }

    /** Runs the calls at once and returns their results in order; a failure is rethrown as it was thrown. */
    public static <T> List<T> all(List<Supplier<T>> calls, Deadline deadline) {
        if (calls.size() == 1) {
            return List.of(calls.get(0).get());
        }
        List<Future<T>> running = new ArrayList<>();
        calls.forEach(call -> running.add(executor().submit(call::get)));
        List<T> results = new ArrayList<>();
        try {
            for (Future<T> future : running) {
                // The calls bound themselves by the deadline; the extra second only covers scheduling.
                results.add(future.get(deadline.remaining().toMillis() + 1000, TimeUnit.MILLISECONDS));
            }
            return results;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : StatusHubUnavailableException.mayHaveApplied("StatusHub", e.getCause().getClass().getSimpleName());
        } catch (TimeoutException e) {
            throw new DeadlineExceededException("finish the StatusHub reads");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadlineExceededException("finish the StatusHub reads (interrupted)");
        } finally {
            running.forEach(future -> future.cancel(true));
        }
    }
}
