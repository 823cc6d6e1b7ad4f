package dev.alertbridge.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * Warm cost of one event, in-process: the function's real Lambda entry point
 * ({@code io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler}, booted once per fork as the runtime boots it)
 * handles CloudWatch alarm events for an alarm linked to one Management API service, against the harness'
 * zero-latency StatusHub and Parameter Store stand-ins (another process, on 127.0.0.1), with the function's default
 * settings (pacing included). The harness (Bench) runs this with the function's package on the class path and the
 * same JVM flags as the runtime processes.
 *
 * <p>Each measured event starts when the function is idle, as a single alert finds it: an invocation-level setup
 * waits {@value #IDLE_MILLIS} ms after the previous write. Each measured event comes with one unmeasured write
 * before it, so two writes per cycle stay under the pacer's 5 writes in any 1.025 s window and no event's time
 * includes waiting for a slot. {@link #open} measures the ALARM of a new episode (list incidents, create, the
 * duplicate check), the previous episode cleared unmeasured before; {@link #clear} measures its OK (list, read the
 * incident, add the update), the ALARM having been handled unmeasured before.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WarmEventBenchmark {
    static final long IDLE_MILLIS = 550;
    static final String ALARM = "ServerCpuTooHigh";

    /** The function, booted once per fork. */
    @State(Scope.Benchmark)
    public static class Function {
        RequestStreamHandler handler;
        long episode;
        long lastDoneNanos;

        @Setup(Level.Trial)
        public void boot(BenchmarkParams params) throws Exception {
            // Each benchmark runs in its own fork against the same StatusHub stand-in: separate episodes.
            episode = params.getBenchmark().endsWith(".open") ? 10_000 : 20_000;
            handler = (RequestStreamHandler) Class.forName("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler")
                    .getDeclaredConstructor().newInstance();
        }

        /** Stops Quarkus (its non-daemon threads would otherwise hold the fork for JMH's 30 s shutdown timeout). */
        @TearDown(Level.Trial)
        public void stop() throws Exception {
            Class<?> application = Class.forName("io.quarkus.runtime.Application");
            Object current = application.getMethod("currentApplication").invoke(null);
            if (current != null) {
                application.getMethod("stop").invoke(current);
            }
        }

        String invoke(String event, String expected) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
                    new BenchContext());
            String answer = out.toString(StandardCharsets.UTF_8);
            if (!answer.contains(expected)) {
                throw new IllegalStateException("expected " + expected + " in the function's answer: " + answer);
            }
            return answer;
        }

        void idle() throws InterruptedException {
            idleSince(lastDoneNanos);
        }

        @TearDown(Level.Invocation)
        public void done() {
            lastDoneNanos = System.nanoTime();
        }
    }

    /**
     * The next ALARM, a new episode, the function idle. The previous episode is cleared first (unmeasured), so the
     * hub holds no other open incident, as between two separate alerts: the lookup reads every open incident it
     * lists, and open incidents piling up would measure the pile instead of the event.
     */
    @State(Scope.Thread)
    public static class NextOpen {
        String event;
        long opened = -1;

        @Setup(Level.Invocation)
        public void prepare(Function function) throws Exception {
            if (opened >= 0) {
                function.invoke(Events.ok(ALARM, opened), "\"result\":\"updated\"");
                function.lastDoneNanos = System.nanoTime();
            }
            opened = ++function.episode;
            event = Events.alarm(ALARM, opened);
            function.idle();
        }
    }

    /** The OK of an episode whose ALARM was handled (unmeasured), the function idle. */
    @State(Scope.Thread)
    public static class NextClear {
        String event;

        @Setup(Level.Invocation)
        public void prepare(Function function) throws Exception {
            long episode = ++function.episode;
            function.invoke(Events.alarm(ALARM, episode), "\"result\":\"created\"");
            function.lastDoneNanos = System.nanoTime();
            event = Events.ok(ALARM, episode);
            function.idle();
        }
    }

    /**
     * The wire and the stand-in alone, for scale: three HTTP/1.1 GETs of the hub's incident list in a row over a
     * plain keep-alive socket (no HTTP client library), after the same idle pause as an event, as an event makes
     * its three exchanges. Only the first pays the wake-up after the pause, as only an event's first does (on some
     * machines that wake-up costs several times the exchange). What an event takes beyond this is the bridge's own
     * time (its HTTP client included).
     */
    @State(Scope.Thread)
    public static class Wire {
        Socket socket;
        byte[] request;
        long lastDoneNanos;

        @Setup(Level.Trial)
        public void connect() throws IOException {
            URI api = URI.create(System.getProperty("bench.statushubApi"));
            socket = new Socket(api.getHost(), api.getPort());
            socket.setTcpNoDelay(true);
            request = ("GET " + api.getPath() + "/hubs/acme/incidents HTTP/1.1\r\nHost: " + api.getAuthority()
                    + "\r\nX-API-KEY: " + BenchConfig.API_KEY + "\r\nAccept: application/json\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        @Setup(Level.Invocation)
        public void idle() throws InterruptedException {
            idleSince(lastDoneNanos);
        }

        @TearDown(Level.Invocation)
        public void done() {
            lastDoneNanos = System.nanoTime();
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            socket.close();
        }

        /** Sends the request and reads one whole response (headers, then Content-Length bytes). */
        int exchange() throws IOException {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the stand-in closed the connection");
                }
                head.append((char) b);
            }
            String headers = head.toString().toLowerCase(Locale.ROOT);
            if (!headers.startsWith("http/1.1 200")) {
                throw new IOException("the stand-in answered " + head.substring(0, head.indexOf("\r")));
            }
            int at = headers.indexOf("content-length:");
            int length = Integer.parseInt(headers.substring(at + 15, headers.indexOf('\r', at)).trim());
            return in.readNBytes(length).length;
        }
    }

    /** Sleeps until {@value #IDLE_MILLIS} ms have passed since the last measured call ended. */
    static void idleSince(long lastDoneNanos) throws InterruptedException {
        long wait = lastDoneNanos + TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS) - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    @Benchmark
    public int exchange(Wire wire) throws IOException {
        return wire.exchange() + wire.exchange() + wire.exchange();
    }

    @Benchmark
    public String open(Function function, NextOpen next) throws IOException {
        return function.invoke(next.event, "\"result\":\"created\"");
    }

    @Benchmark
    public String clear(Function function, NextClear next) throws IOException {
        return function.invoke(next.event, "\"result\":\"updated\"");
    }

    /** What the runtime passes: a request id and the time left before the template's 30 s timeout. */
    static final class BenchContext implements Context {
        private final String requestId = UUID.randomUUID().toString();
        private final long deadline = System.currentTimeMillis() + 30_000;

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + FunctionProcess.FUNCTION_NAME;
        }

        @Override
        public String getLogStreamName() {
            return "bench";
        }

        @Override
        public String getFunctionName() {
            return FunctionProcess.FUNCTION_NAME;
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-west-1:123456789012:function:" + FunctionProcess.FUNCTION_NAME;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, deadline - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            return FunctionProcess.MEMORY_MB;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.println(message);
                }

                @Override
                public void log(byte[] message) {
                    System.out.println(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
