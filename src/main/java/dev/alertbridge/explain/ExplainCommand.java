package dev.alertbridge.explain;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.ConfigDocument;
import dev.alertbridge.config.ConfigParser;
import dev.alertbridge.config.ConfigUnavailableException;
import dev.alertbridge.config.ConfigValidationException;
import dev.alertbridge.config.LinkParser;
import dev.alertbridge.config.ServiceLink;
import dev.alertbridge.reconcile.AlarmTags;
import dev.alertbridge.reconcile.CloudWatchAlarmStates;
import dev.alertbridge.statushub.CallFailure;
import dev.alertbridge.statushub.StatusHubGateway;

/**
 * Explain from a shell, beside the configuration check: {@code ./mvnw -q compile exec:java@explain
 * -Dexplain.args="--service checkout"} reads the configuration from Parameter Store (the shell's AWS credentials and
 * region) or, with {@code --file}, local files; asks StatusHub and CloudWatch as the function does, read-only and
 * paced; and prints the same answer as {@code {"bridge": "explain"}}. Exits 1 for an unknown service, 2 when the
 * configuration or StatusHub could not be read.
 *
 * <p>
 * Options: {@code --service KEY} (none: every service), {@code --path /statushub-bridge}, {@code --file F}
 * (repeatable), {@code --links F} (the JSON array of links the EventBridge rule embeds), {@code --stack NAME} (the
 * bridge's stack, whose alarms never reach the page), {@code --api-key-header X-API-KEY}.
 */
public final class ExplainCommand {
    /** What one explain may take: StatusHub paged and read at its pace, and every alarm listed. */
    private static final Duration BUDGET = Duration.ofMinutes(2);
    /** The function's default lookback ({@code bridge.statushub.lookback}). */
    private static final Duration LOOKBACK = Duration.ofDays(7);

    private ExplainCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the command, printing to {@code out}; returns the exit status. */
    public static int run(String[] args, PrintStream out) {
        // Options as the configuration check takes them (check/CheckCommand).
        String service = null;
        String path = "/statushub-bridge";
        List<String> files = new ArrayList<>();
        String links = null;
        String stack = "";
        String header = "X-API-KEY";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--service" -> service = args[++i];
                case "--path" -> path = args[++i];
                case "--file" -> files.add(args[++i]);
                case "--links" -> links = args[++i];
                case "--stack" -> stack = args[++i];
                case "--api-key-header" -> header = args[++i];
                default -> {
                    out.println("unknown option " + args[i] + " (--service KEY, --path P, --file F, --links F, "
                            + "--stack NAME, --api-key-header H)");
                    return 2;
                }
            }
        }
        ObjectMapper json = new ObjectMapper();
        BridgeConfig config;
        List<ServiceLink> embedded;
        try {
            config = new ConfigParser(json).parse(ConfigDocument.forCommand(path, files));
            embedded = links == null ? List.of()
                    : LinkParser.links(links, "$", json.readTree(Files.readString(Path.of(links))),
                            config.services().keySet());
        } catch (ConfigUnavailableException | ConfigValidationException | IOException e) {
            out.println("could not read the configuration: " + e.getMessage());
            return 2;
        }
        Optional<String> unknown = Explainer.unknown(config, service);
        if (unknown.isPresent()) {
            out.println(json.createObjectNode().put("error", unknown.get()));
            return 1;
        }
        Instant now = Instant.now();
        Deadline deadline = Deadline.in(BUDGET, Clock.systemUTC());
        try {
            CloudWatchAlarmStates alarms = new CloudWatchAlarmStates();
            // One explain from a shell: nothing to keep tags for.
            Explanation answer = new Explainer(stack, new AlarmTags(alarms, Duration.ZERO)).explain(config, embedded,
                    service, StatusHubGateway.fromShell(config, header, json, deadline, now, LOOKBACK),
                    Optional.of(alarms), deadline, now);
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
            return 0;
        } catch (RuntimeException | IOException e) {
            // StatusHub unreadable, or the client's own trouble: the failure's kind, never a message naming URLs.
            out.println("explain could not read StatusHub: " + CallFailure.of(e).why());
            return 2;
        }
    }
}
