package dev.alertbridge.statushub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.StringJoiner;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Sends a {@link HubRequest} with the JDK's {@link HttpURLConnection}, on the calling thread, and returns the whole
 * answer. The JDK keeps idle connections for the next request to the same host (its keep-alive cache) and drops
 * them once stale, so a warm event reuses its connection and a thawed environment does not.
 *
 * <p>
 * Why not the REST client: an event makes a few small calls one after another, and every call of an asynchronous
 * client crosses to its event loop and back; after an idle pause each of those thread wake-ups costs about as much
 * as the call itself (see bench/README.md). A POST is sent in streaming mode, which also stops the JDK from
 * silently sending it a second time on a connection that failed: whether a write landed is for the caller to
 * decide.
 */
public final class HubHttp {
    private static final String USER_AGENT = "statushub-alert-bridge";
    /**
     * Closes a connection still waiting for its answer when the timeout passes: the JDK's own timeouts bound the
     * connect and each wait for a byte, not the whole exchange. This one thread sleeps until a call overruns.
     */
    private static ScheduledThreadPoolExecutor watchdog;

    private HubHttp() {
    }

    /** StatusHub's answer: the status, the body as text, and the headers the bridge reads. */
    public record Answer(int status, String body, String link, String retryAfter) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * @param timeout for the whole exchange; when it passes the connection is closed, not left to answer later, and
     *        this throws an {@link IOException}. An answer that trickles in is given up at its next piece after the
     *        timeout; one that stops halfway, when the wait for its next byte times out as well.
     */
    public static Answer send(HubRequest request, Duration timeout) throws IOException {
        long end = System.nanoTime() + timeout.toNanos();
        HttpURLConnection connection = (HttpURLConnection) request.uri().toURL().openConnection();
        boolean answered = false;
        Future<?> overrun = watchdog().schedule(connection::disconnect, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout(millis(timeout.toNanos()));
            connection.setReadTimeout(millis(timeout.toNanos()));
            connection.setRequestMethod(request.method());
            connection.setRequestProperty("Accept", "application/json");
            connection.setRequestProperty("User-Agent", USER_AGENT);
            if (!request.keepAlive()) {
                connection.setRequestProperty("Connection", "close");
            }
            request.headers().forEach(connection::setRequestProperty);
            if (request.body() != null) {
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(request.body().length);
                connection.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(request.body());
                }
            }
            int status;
            try {
                status = connection.getResponseCode();
            } catch (HttpRetryException e) {
                // A 401 with a challenge, to a POST in streaming mode: the JDK will not resend it, nor should it.
                answered = true;
                return new Answer(e.responseCode(), "", null, null);
            }
            String body;
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                body = in == null ? "" : text(in, end);
            }
            answered = true;
            return new Answer(status, body, all(connection, "Link"), connection.getHeaderField("Retry-After"));
        } finally {
            overrun.cancel(false);
            if (!answered || !request.keepAlive()) {
                connection.disconnect();
            }
        }
    }

    /**
     * Every value of a header, joined as one ({@code rel="next"} and {@code rel="last"} often come as two Link
     * lines, and the JDK's {@code getHeaderField} gives only the last), or null when there is none.
     */
    private static String all(HttpURLConnection connection, String name) {
        StringJoiner values = new StringJoiner(", ");
        boolean found = false;
        for (int i = 0; connection.getHeaderField(i) != null; i++) {
            if (name.equalsIgnoreCase(connection.getHeaderFieldKey(i))) {
                values.add(connection.getHeaderField(i));
                found = true;
            }
        }
        return found ? values.toString() : null;
    }

    private static String text(InputStream in, long end) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int read; (read = in.read(buffer)) >= 0;) {
            bytes.write(buffer, 0, read);
            if (System.nanoTime() - end > 0) {
                throw new SocketTimeoutException("answer still arriving at the timeout");
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static synchronized ScheduledThreadPoolExecutor watchdog() {
        if (watchdog == null) {
            watchdog = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "statushub-call-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            watchdog.setRemoveOnCancelPolicy(true);
        }
        return watchdog;
    }

    /** A socket timeout in whole milliseconds; never 0, which would mean "wait forever". */
    private static int millis(long nanos) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, nanos / 1_000_000));
    }
}
