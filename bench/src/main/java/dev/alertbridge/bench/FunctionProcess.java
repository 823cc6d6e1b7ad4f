package dev.alertbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One execution environment: a fresh JVM running the AWS Lambda Java Runtime Interface Client (the runtime loop of
 * the managed Java runtimes) against the {@link RuntimeApiEmulator}, laid out as Lambda lays it out: the function's
 * unzipped package is the working directory ({@code /var/task}), from which the RIC's customer class loader loads
 * the task root and {@code lib/*.jar}; the class path holds only the RIC and its dependencies
 * ({@code /var/runtime/lib}). The environment is Lambda's, with dummy credentials; nothing leaks in from the caller's
 * shell (no JAVA_TOOL_OPTIONS, no AWS profile).
 */
final class FunctionProcess implements AutoCloseable {
    static final String FUNCTION_NAME = "statushub-alert-bridge";
    static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    static final int MEMORY_MB = 256;
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(FunctionProcess::kill), "kill-functions"));
    }

    /** Where things are: the JDK, the runtime's class path, its JNI library, the JVM flags, the log folder. */
    record Layout(Path java, Path ricDir, Path jniLibrary, List<String> jvmFlags, Path logs) {
    }

    private final Process process;
    private final long startedNanos;
    private final Path log;

    private FunctionProcess(Process process, long startedNanos, Path log) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.log = log;
    }

    /** The Lambda environment of a {@value #MEMORY_MB} MB function, plus the function's own variables. */
    static Map<String, String> lambdaEnvironment(Layout layout, Path taskRoot, String runtimeApi) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", layout.ricDir().toString());
        env.put("_HANDLER", HANDLER);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_DEFAULT_REGION", "eu-west-1");
        env.put("AWS_LAMBDA_FUNCTION_NAME", FUNCTION_NAME);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(MEMORY_MB));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + FUNCTION_NAME);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef");
        env.put("AWS_ACCESS_KEY_ID", "ASIABENCHMARKONLY000");
        env.put("AWS_SECRET_ACCESS_KEY", "bench-secret-access-key-not-a-real-one");
        env.put("AWS_SESSION_TOKEN", "bench-session-token");
        return env;
    }

    static FunctionProcess start(Layout layout, Path taskRoot, Map<String, String> env, String label) {
        List<String> command = new ArrayList<>();
        command.add(layout.java().toString());
        command.addAll(layout.jvmFlags());
        command.add("-D" + JNI_PROPERTY + "=" + layout.jniLibrary());
        command.add("-cp");
        command.add(layout.ricDir() + "/*");
        command.add(RIC_MAIN);
        command.add(HANDLER);
        Path log = layout.logs().resolve(label + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            long started = System.nanoTime();
            Process process = builder.start();
            LIVE.add(process);
            return new FunctionProcess(process, started, log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    long startedNanos() {
        return startedNanos;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** The last lines of the process' output, for error messages. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** VmRSS and VmHWM (peak) from /proc, in kB; -1 when unknown. */
    long[] rssKb() {
        long rss = -1;
        long hwm = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                } else if (line.startsWith("VmHWM:")) {
                    hwm = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return new long[] {rss, hwm};
    }

    @Override
    public void close() {
        kill(process);
        LIVE.remove(process);
    }

    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Registers a helper process (e.g. the JMH run) so an interrupted benchmark still ends it. */
    static void track(Process process) {
        LIVE.add(process);
    }

    static void untrack(Process process) {
        LIVE.remove(process);
    }
}
