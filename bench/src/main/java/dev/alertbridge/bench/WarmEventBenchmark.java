package dev.alertbridge.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

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
 * includes waiting for a slot. {@link #open} measures the open of a fresh alert: the ALARM of a new alarm
 * ({@code WarmFresh-<n>}, linked by {@code WarmFresh-*}), which makes three StatusHub exchanges (list incidents with
 * the maintenance list alongside, create, the duplicate check's re-read), the previous alarm cleared unmeasured
 * before; {@link #clear} measures an OK (list, add the update, re-read), the ALARM having been handled unmeasured
 * before. {@link FloorBenchmark} measures the stack's floor the same way, in a JMH run of its own.
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
        String benchmark;
        /** Whether the iteration is a measured one (not warm-up): only those invocations are timed. */
        boolean measuring;
        /** Each measured invocation's start and end ({@link System#nanoTime}, the stand-in's clock too). */
        final List<long[]> timed = new ArrayList<>();
        /** A profile of the measured iterations, with {@code -Dbench.jfr=<folder>} (see bench/README.md). */
        Recording profile;

        @Setup(Level.Trial)
        public void boot(BenchmarkParams params) throws Exception {
            benchmark = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
            // Each benchmark runs in its own fork against the same StatusHub stand-in: separate episodes.
            episode = benchmark.equals("open") ? 10_000 : 20_000;
            handler = (RequestStreamHandler) Class.forName("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler")
                    .getDeclaredConstructor().newInstance();
        }

        @Setup(Level.Iteration)
        public void iteration(IterationParams iteration) throws Exception {
            measuring = iteration.getType() == IterationType.MEASUREMENT;
            if (measuring && profile == null && System.getProperty("bench.jfr") != null) {
                profile = new Recording(Configuration.getConfiguration("profile"));
                // Events take milliseconds: sample every millisecond, not every 10 or 20.
                profile.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
                profile.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(1));
                profile.start();
            }
        }

        /**
         * Stops Quarkus (its non-daemon threads would otherwise hold the fork for JMH's 30 s shutdown timeout), and
         * adds the measured invocations' times to {@code bench.timesDir}'s {@code <benchmark>.times} for the harness,
         * which lays them beside the stand-in's journal to say where the time went.
         */
        @TearDown(Level.Trial)
        public void stop() throws Exception {
            if (profile != null) {
                profile.dump(Path.of(System.getProperty("bench.jfr"), benchmark + "-" + ProcessHandle.current().pid()
                        + ".jfr"));
                profile.close();
            }
            String folder = System.getProperty("bench.timesDir");
            if (folder != null) {
                StringBuilder lines = new StringBuilder();
                timed.forEach(t -> lines.append(t[0]).append(' ').append(t[1]).append('\n'));
                Files.writeString(Path.of(folder, benchmark + ".times"), lines, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            Class<?> application = Class.forName("io.quarkus.runtime.Application");
            Object current = application.getMethod("currentApplication").invoke(null);
            if (current != null) {
                application.getMethod("stop").invoke(current);
            }
        }

        /** A measured invocation: {@link #invoke}, its start and end kept when the iteration is measured. */
        String timed(String event, String expected) throws IOException {
            long start = System.nanoTime();
            String answer = invoke(event, expected);
            if (measuring) {
                timed.add(new long[] {start, System.nanoTime()});
            }
            return answer;
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

        /** Sleeps until {@value #IDLE_MILLIS} ms have passed since the last invocation ended. */
        void idle() throws InterruptedException {
            idleSince(lastDoneNanos);
        }

        @TearDown(Level.Invocation)
        public void done() {
            lastDoneNanos = System.nanoTime();
        }
    }

    /**
     * The next ALARM, of an alarm never seen before (a fresh alert: nothing of it on the hub or in the function's
     * memory), the function idle. The previous alarm is cleared first (unmeasured), so the hub holds no other open
     * incident, as between two separate alerts: the lookup reads every open incident it lists, and open incidents
     * piling up would measure the pile instead of the event.
     */
    @State(Scope.Thread)
    public static class NextOpen {
        String event;
        long opened = -1;

        @Setup(Level.Invocation)
        public void prepare(Function function) throws Exception {
            if (opened >= 0) {
                function.invoke(Events.ok(BenchConfig.FRESH_ALARMS + opened, opened), "\"result\":\"updated\"");
                function.lastDoneNanos = System.nanoTime();
            }
            opened = ++function.episode;
            event = Events.alarm(BenchConfig.FRESH_ALARMS + opened, opened);
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
        return function.timed(next.event, "\"result\":\"created\"");
    }

    @Benchmark
    public String clear(Function function, NextClear next) throws IOException {
        return function.timed(next.event, "\"result\":\"updated\"");
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
