package dev.alertbridge.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The floor of the bridge's own stack, warm: the bare Quarkus Lambda with the REST client ({@code bench/bare-rest})
 * handles one event, making its REST-client call (a GET of the hub's incident list, with the API key, from the same
 * StatusHub stand-in), after the same {@value WarmEventBenchmark#IDLE_MILLIS} ms idle pause as the bridge's events
 * in {@link WarmEventBenchmark}. Driven the same way: in-process through the same Lambda entry point
 * ({@code QuarkusStreamHandler}, booted once per fork), the same event, the same JVM flags; only the class path
 * differs (the harness runs it with the bare function's package instead of the bridge's).
 *
 * <p>§7 of the design measures the bridge's warm overhead as an open of a fresh alert (three exchanges) minus three
 * of these calls ({@link #call}), both in the same run. Each of those three pays the wake-up after the pause and a
 * Lambda invocation of its own, which an open pays once: {@link #threeCalls} (one event, its three calls in a row)
 * is the stricter floor, printed for information.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FloorBenchmark {

    /**
     * REST-client calls per measured event and the unmeasured one before it, as the bridge's cycle makes: an
     * unmeasured clear (list, update, re-read), then the measured open (list, maintenances, create, re-read). The JIT
     * has then seen the shared stack (the Lambda handler's path, the REST client, Vert.x) as often in both forks.
     */
    static final int CALLS_PER_CYCLE = 7;

    /**
     * The next event, the function idle: as {@link WarmEventBenchmark}'s, it comes after an unmeasured invocation
     * (the rest of the cycle's calls) and the same pause. The bare function echoes it after its calls.
     */
    public abstract static class NextEvent {
        String event;

        /** The event asks for {@code calls} calls in a row (the bare function's {@code bareCalls}). */
        void prepare(WarmEventBenchmark.Function function, int calls) throws Exception {
            function.invoke(event(function, CALLS_PER_CYCLE - calls), BenchConfig.FRESH_ALARMS);
            function.lastDoneNanos = System.nanoTime();
            event = event(function, calls);
            function.idle();
        }

        private static String event(WarmEventBenchmark.Function function, int calls) {
            String alarm = Events.alarm(BenchConfig.FRESH_ALARMS + ++function.episode, function.episode);
            return calls == 1 ? alarm : alarm.replaceFirst("\\{", "{\"bareCalls\": " + calls + ",");
        }
    }

    /** One call per event. */
    @State(Scope.Thread)
    public static class NextCall extends NextEvent {
        @Setup(Level.Invocation)
        public void prepare(WarmEventBenchmark.Function function) throws Exception {
            prepare(function, 1);
        }
    }

    /** Three calls in a row in one event, as an open makes its three exchanges. */
    @State(Scope.Thread)
    public static class NextThreeCalls extends NextEvent {
        @Setup(Level.Invocation)
        public void prepare(WarmEventBenchmark.Function function) throws Exception {
            prepare(function, 3);
        }
    }

    @Benchmark
    public String call(WarmEventBenchmark.Function function, NextCall next) throws IOException {
        return function.timed(next.event, BenchConfig.FRESH_ALARMS);
    }

    @Benchmark
    public String threeCalls(WarmEventBenchmark.Function function, NextThreeCalls next) throws IOException {
        return function.timed(next.event, "\"bareCalls\":3");
    }
}
