package dev.alertbridge.statushub;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import dev.alertbridge.transition.Transition;

/**
 * One alert's writes, all at once (each paced and bounded by its delivery), awaited within the deadline, and then
 * settled: creates that another execution environment made at the same moment are resolved as duplicates. A failure
 * on one service neither undoes nor blocks the others.
 */
final class Writes {
    private Writes() {
    }

    static List<Applied> apply(List<Transition.Write> writes, Function<Transition.Write, Delivered> deliver,
            Settlement settle, Deadline deadline) {
        // One write runs on the invocation's thread: handing it to the pool and back costs two thread wake-ups.
        List<Future<Delivered>> running = new ArrayList<>();
        if (writes.size() > 1) {
            for (Transition.Write write : writes) {
                running.add(FanOut.executor().submit(() -> deliver.apply(write)));
            }
        }
        List<Applied> applied = new ArrayList<>();
        Map<Transition.Create, String> created = new LinkedHashMap<>();
        for (int i = 0; i < writes.size(); i++) {
            Applied outcome = running.isEmpty() ? inline(writes.get(i), deliver)
                    : await(writes.get(i), running.get(i), deadline);
            if (outcome instanceof Applied.Done done && done.write() instanceof Transition.Create create
                    && done.delivered().created() && done.delivered().via() == Delivered.Via.MANAGEMENT_API) {
                created.put(create, done.delivered().incidentId());
            }
            applied.add(outcome);
        }
        Map<String, String> duplicates = created.isEmpty() ? Map.of() : settle.duplicates(created, deadline);
        return duplicates.isEmpty() ? applied
                : applied.stream().map(a -> a instanceof Applied.Done done
                        && duplicates.containsKey(done.write().service().id())
                                ? new Applied.Duplicate(done.write(), done.delivered(),
                                        duplicates.get(done.write().service().id()))
                                : a)
                        .toList();
    }

    /** Resolves concurrent duplicates of these creates; service id → the incident that stays, for each one. */
    interface Settlement {
        Map<String, String> duplicates(Map<Transition.Create, String> created, Deadline deadline);
    }

    private static Applied inline(Transition.Write write, Function<Transition.Write, Delivered> deliver) {
        try {
            return new Applied.Done(write, deliver.apply(write));
        } catch (RuntimeException e) {
            return failed(write, e);
        }
    }

    private static Applied await(Transition.Write write, Future<Delivered> running, Deadline deadline) {
        try {
            // The calls bound themselves by the deadline; the extra second only covers scheduling.
            return new Applied.Done(write, running.get(deadline.remaining().toMillis() + 1000, TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            return failed(write, e.getCause());
        } catch (TimeoutException e) {
            running.cancel(true);
            return failed(write, new DeadlineExceededException("finish the StatusHub call"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(write, new DeadlineExceededException("finish the StatusHub call (interrupted)"));
        }
    }

    private static Applied.Failed failed(Transition.Write write, Throwable e) {
        Applied.Failure failure = Applied.Failure.of(e);
        return new Applied.Failed(write, failure.why(), failure.retryable());
    }
}
