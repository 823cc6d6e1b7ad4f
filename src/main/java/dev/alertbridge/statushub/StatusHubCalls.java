package dev.alertbridge.statushub;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import dev.alertbridge.budget.Deadline;
import dev.alertbridge.budget.DeadlineExceededException;
import dev.alertbridge.metrics.Counters;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.Guard;

/**
 * Runs one StatusHub request: paced, bounded by the invocation's deadline, its answer mapped to one outcome
 * (body, {@link StatusHubRejectedException}, {@link StatusHubUnavailableException},
 * {@link DeadlineExceededException}), and retried by SmallRye Fault Tolerance.
 *
 * <p>
 * Reads are retried on any transient failure, a 429's Retry-After honoured when it fits in the time left. Writes are
 * never repeated here: one held back by a 429 (or a refused connection) is decided again after the wait by the
 * pipeline, from what StatusHub shows then, not re-sent with the body decided before it; after a timeout, a reset
 * or any 5xx (a 503 from a proxy that had forwarded the create, a 502 or 504) the write may have landed, so the
 * invocation fails and the retry of the whole event, which reads StatusHub first, decides again. A call that runs
 * out of time is cancelled, not just abandoned. The requests go through the Quarkus REST client
 * ({@link StatusHubClients}).
 */
public final class StatusHubCalls {
    /** Wait before retrying when StatusHub gave no Retry-After. */
    private static final long DEFAULT_BACKOFF_MILLIS = 250;

    /** StatusHub's answer: the status, the body as text, and the headers the bridge reads. */
    public record Answer(int status, String body, String link, String retryAfter) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final Duration callTimeout;
    private final Guard reads;
    /** For a list some hubs lack: only a 429 is waited out and asked again; a failure costs one round trip. */
    private final Guard optionalReads;

    public StatusHubCalls(Duration callTimeout, int retries) {
        this(callTimeout, Guard.create().withRetry().maxRetries(retries)
                .whenException(e -> e instanceof StatusHubUnavailableException)
                .withCustomBackoff().strategy(RetryAfterBackoff::new).done().done().build(),
                Guard.create().withRetry().maxRetries(retries)
                        .whenException(e -> e instanceof StatusHubUnavailableException u && u.retryAfter() != null)
                        .withCustomBackoff().strategy(RetryAfterBackoff::new).done().done().build());
    }

    private StatusHubCalls(Duration callTimeout, Guard reads, Guard optionalReads) {
        this.callTimeout = callTimeout;
        this.reads = reads;
        this.optionalReads = optionalReads;
    }

    /**
     * Each call asked once, never retried: for a command run from a shell (explain), which has no CDI container, and
     * SmallRye's Guard needs one. A failure is the command's answer; the operator asks again.
     */
    static StatusHubCalls once(Duration callTimeout) {
        return new StatusHubCalls(callTimeout, null, null);
    }

    public String read(String endpoint, Pacer pacer, Deadline deadline, Supplier<CompletionStage<Response>> request) {
        return guarded(reads, endpoint, pacer, deadline, request, false).body();
    }

    /** A read whose headers matter (a page of a list): the successful answer whole. */
    public Answer readPage(String endpoint, Pacer pacer, Deadline deadline, Supplier<CompletionStage<Response>> request) {
        return guarded(reads, endpoint, pacer, deadline, request, false);
    }

    /**
     * A page of a list some hubs do not have (the maintenances): {@code 404}, {@code 403} or {@code 410} is an
     * answer there, rejected as usual but not counted as a StatusHub failure (nothing is wrong with the hub). A
     * {@code 429} is waited out as for any read; any other failure is not retried, so a hub whose list is broken
     * costs one round trip, alongside the incident lookup, and no delay.
     */
    public Answer readOptionalPage(String endpoint, Pacer pacer, Deadline deadline,
            Supplier<CompletionStage<Response>> request) {
        return guarded(optionalReads, endpoint, pacer, deadline, request, true);
    }

    /** A write, sent once: see the class comment. */
    public String write(String endpoint, Pacer pacer, Deadline deadline, Supplier<CompletionStage<Response>> request) {
        return refusedForGood(() -> attempt(endpoint, pacer, deadline, request, false).body());
    }

    /**
     * A write that is idempotent by design (an integration-URL post carries a stable incident id): repeating it
     * cannot duplicate anything, so it is retried on any transient failure, like a read.
     */
    public String idempotentWrite(String endpoint, Pacer pacer, Deadline deadline,
            Supplier<CompletionStage<Response>> request) {
        return refusedForGood(() -> guarded(reads, endpoint, pacer, deadline, request, false).body());
    }

    /** A write StatusHub refuses for good is counted ({@code StatusHubRejections}): someone must fix a link. */
    private static String refusedForGood(Supplier<String> write) {
        try {
            return write.get();
        } catch (StatusHubRejectedException e) {
            Counters.increment(Counters.Count.STATUSHUB_REJECTIONS);
            throw e;
        }
    }

    private Answer guarded(Guard guard, String endpoint, Pacer pacer, Deadline deadline,
            Supplier<CompletionStage<Response>> request, boolean mayBeAbsent) {
        if (guard == null) {
            return attempt(endpoint, pacer, deadline, request, mayBeAbsent);
        }
        try {
            return guard.call(() -> attempt(endpoint, pacer, deadline, request, mayBeAbsent), Answer.class);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw StatusHubUnavailableException.mayHaveApplied(endpoint, e.getClass().getSimpleName());
        }
    }

    private Answer attempt(String endpoint, Pacer pacer, Deadline deadline, Supplier<CompletionStage<Response>> request,
            boolean mayBeAbsent) {
        Pacer.Slot slot = pacer.acquire(deadline, "call " + endpoint);
        try {
            return exchange(endpoint, deadline, request, mayBeAbsent);
        } finally {
            slot.release();
        }
    }

    private Answer exchange(String endpoint, Deadline deadline, Supplier<CompletionStage<Response>> request,
            boolean mayBeAbsent) {
        Duration timeout = deadline.forCall(callTimeout)
                .orElseThrow(() -> new DeadlineExceededException("call " + endpoint));
        CompletableFuture<Response> pending = null;
        try {
            pending = request.get().toCompletableFuture();
            Response response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return answer(read(response), endpoint, deadline, mayBeAbsent);
        } catch (TimeoutException e) {
            Counters.increment(Counters.Count.STATUSHUB_FAILURES);
            // Cancelling resets the request: the answer is given up whole, not left to land after the invocation.
            pending.cancel(true);
            throw StatusHubUnavailableException.mayHaveApplied(endpoint,
                    "no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw failure(e.getCause(), endpoint);
        } catch (ProcessingException e) {
            throw failure(e, endpoint);
        } catch (InterruptedException e) {
            if (pending != null) {
                pending.cancel(true);
            }
            Thread.currentThread().interrupt();
            throw StatusHubUnavailableException.mayHaveApplied(endpoint, "interrupted");
        }
    }

    /** The answer whole: status, body as text, every {@code Link} value (some servers send one header each), Retry-After. */
    private static Answer read(Response response) {
        try {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            List<String> links = response.getStringHeaders().get("Link");
            return new Answer(response.getStatus(), body, links == null ? null : String.join(", ", links),
                    response.getHeaderString("Retry-After"));
        } finally {
            response.close();
        }
    }

    /**
     * A request that got no answer. Only the exception's type is kept: the client's messages may quote the URL, and
     * an integration URL is a secret. A refused connection surely changed nothing; anything else may have landed.
     */
    private static StatusHubUnavailableException failure(Throwable cause, String endpoint) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        Counters.increment(Counters.Count.STATUSHUB_FAILURES);
        boolean refused = root instanceof ConnectException || root instanceof UnknownHostException;
        return refused ? StatusHubUnavailableException.notApplied(endpoint, root.getClass().getSimpleName())
                : StatusHubUnavailableException.mayHaveApplied(endpoint, root.getClass().getSimpleName());
    }

    static Answer answer(Answer answer, String endpoint, Deadline deadline) {
        return answer(answer, endpoint, deadline, false);
    }

    private static Answer answer(Answer answer, String endpoint, Deadline deadline, boolean mayBeAbsent) {
        if (answer.ok()) {
            return answer;
        }
        int status = answer.status();
        if (!(mayBeAbsent && (status == 404 || status == 403 || status == 410))) {
            Counters.increment(Counters.Count.STATUSHUB_FAILURES);
        }
        if (status == 429) {
            Counters.increment(Counters.Count.STATUSHUB_RATE_LIMITED);
            Duration wait = retryAfter(answer.retryAfter());
            if (wait.compareTo(deadline.remaining()) >= 0) {
                throw new DeadlineExceededException("wait " + wait.toSeconds() + " s for StatusHub's rate limit on "
                        + endpoint);
            }
            throw StatusHubUnavailableException.rateLimited(endpoint, wait);
        }
        if (status == 408 || status >= 500) {
            // The request reached something: whether it was applied is unknown.
            throw StatusHubUnavailableException.mayHaveApplied(endpoint, "HTTP " + status);
        }
        throw new StatusHubRejectedException(status, endpoint, RejectionReason.of(answer.body()));
    }

    /** Retry-After in seconds (the HTTP-date form is rare for APIs: wait one second then). */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Duration.ofSeconds(1);
        }
        try {
            return Duration.of(Math.max(0, Long.parseLong(header.trim())), ChronoUnit.SECONDS);
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    /** Waits what a 429 asked for, else a short fixed pause. */
    public static final class RetryAfterBackoff implements CustomBackoffStrategy {
        public RetryAfterBackoff() {
        }

        @Override
        public long nextDelayInMillis(Throwable exception) {
            if (exception instanceof StatusHubUnavailableException u && u.retryAfter() != null) {
                return u.retryAfter().toMillis();
            }
            return DEFAULT_BACKOFF_MILLIS;
        }
    }
}
