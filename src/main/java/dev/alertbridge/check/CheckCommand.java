package dev.alertbridge.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.config.ConfigDocument;
import dev.alertbridge.config.ConfigUnavailableException;
import dev.alertbridge.reconcile.CloudWatchAlarmStates;

/**
 * The configuration check as a command: {@code ./mvnw -q compile exec:java@check} reads Parameter Store (the AWS
 * credentials and region of the shell) or, with {@code -Dcheck.args="--file a.json --file b.json"}, local files,
 * prints one line per problem and per note, and exits 1 when there is a problem (2 when nothing could be read).
 *
 * <p>
 * Options: {@code --path /statushub-bridge}, {@code --file F} (repeatable), {@code --offline} (StatusHub and
 * CloudWatch not asked), {@code --api-key-header X-API-KEY}. CloudWatch is asked with the shell's credentials.
 */
public final class CheckCommand {
    private CheckCommand() {
    }

    public static void main(String[] args) {
        String path = "/statushub-bridge";
        List<String> files = new ArrayList<>();
        boolean offline = false;
        String header = "X-API-KEY";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--path" -> path = args[++i];
                case "--file" -> files.add(args[++i]);
                case "--offline" -> offline = true;
                case "--api-key-header" -> header = args[++i];
                default -> {
                    System.out.println("unknown option " + args[i] + " (--path P, --file F, --offline, "
                            + "--api-key-header H)");
                    System.exit(2);
                }
            }
        }
        ObjectMapper json = new ObjectMapper();
        List<ConfigDocument> documents = new ArrayList<>();
        try {
            documents.addAll(ConfigDocument.forCommand(path, files));
        } catch (ConfigUnavailableException e) {
            System.out.println("could not read the configuration: " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            System.out.println("problem: " + e.getMessage());
            System.exit(1);
        }
        ConfigurationCheck.Result result = new ConfigurationCheck(json,
                offline ? Optional.empty() : Optional.of(HubProbe.fromShell(json, header)),
                offline ? Optional.empty() : Optional.of(new AlarmProbe(new CloudWatchAlarmStates())))
                .check(documents);
        result.problems().forEach(problem -> System.out.println("problem: " + problem));
        result.notes().forEach(note -> System.out.println("note: " + note));
        System.out.println(result.ok()
                ? "configuration check: no problem in " + documents.size() + " document(s)"
                : "configuration check: " + result.problems().size() + " problem(s) in " + documents.size()
                        + " document(s)");
        System.exit(result.ok() ? 0 : 1);
    }
}
