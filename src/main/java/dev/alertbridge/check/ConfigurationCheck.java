package dev.alertbridge.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.config.BridgeConfig;
import dev.alertbridge.config.ConfigDocument;
import dev.alertbridge.config.ConfigParser;
import dev.alertbridge.config.ConfigValidationException;
import dev.alertbridge.config.MonitorPattern;
import dev.alertbridge.config.ServiceLink;
import dev.alertbridge.config.ServiceTarget;
import dev.alertbridge.config.StatusHubAccount;
import dev.alertbridge.reconcile.AlarmState;
import dev.alertbridge.statushub.StatusHubCalls;
import dev.alertbridge.transition.HubMaintenance;

/**
 * Checks a configuration before an outage does: the schema and references (the function's own validation), link
 * patterns that can never match an alert, and, with a probe, whether StatusHub takes the key on the hub and knows
 * each service id, and the links alarms' tags declare ({@link TagLinkNotes}). Every problem names its parameter and
 * JSON path; nothing says a secret. What cannot be checked is said as a note, not passed over in silence.
 */
public final class ConfigurationCheck {
    private static final String ALARM_ARN = "arn:aws:cloudwatch:";

    private final ObjectMapper json;
    private final ConfigParser parser;
    private final Optional<HubProbe> probe;
    private final Optional<AlarmProbe> alarms;

    public ConfigurationCheck(ObjectMapper json, Optional<HubProbe> probe, Optional<AlarmProbe> alarms) {
        this.json = json;
        this.parser = new ConfigParser(json);
        this.probe = probe;
        this.alarms = alarms;
    }

    /** One thing wrong: where (parameter and JSON path; none for what is outside the configuration) and what. */
    public record Problem(String parameter, String jsonPath, String what) {
        /** A problem outside the configuration (the function's role). */
        static Problem outside(String what) {
            return new Problem(null, null, what);
        }

        @Override
        public String toString() {
            return parameter == null ? what : parameter + " at " + jsonPath + ": " + what;
        }
    }

    /** What the check found: problems (the configuration needs fixing) and notes (what it could not check). */
    public record Result(List<Problem> problems, List<String> notes) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public Result check(List<ConfigDocument> documents) {
        List<Problem> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, JsonNode> roots = roots(documents);
        roots.forEach((name, root) -> neverMatchingLinks(name, root, problems));
        BridgeConfig config;
        try {
            config = parser.parse(documents);
        } catch (ConfigValidationException e) {
            problems.add(new Problem(e.parameter(), e.jsonPath(), e.reason()));
            notes.add("StatusHub was not asked: the configuration must be valid first");
            return new Result(problems, notes);
        }
        notes.addAll(PolicyNotes.of(config));
        if (config.services().values().stream().anyMatch(s -> !s.viaManagementApi())) {
            notes.add("integration URLs (hookUrl) were not tried: StatusHub's only answer to them is creating an "
                    + "incident");
        }
        if (alarms.isPresent()) {
            askCloudWatch(config, alarms.get(), problems, notes);
        } else {
            notes.add("CloudWatch was not asked (offline check)");
        }
        if (config.account().isEmpty()) {
            return new Result(problems, notes);
        }
        if (probe.isEmpty()) {
            notes.add("StatusHub was not asked (offline check)");
            return new Result(problems, notes);
        }
        askStatusHub(config, config.account().get(), roots, problems, notes);
        return new Result(problems, notes);
    }

    /**
     * Whether CloudWatch answers a read naming composite alarms, as late events and the reconciliation send it; with
     * {@code tagLinks}, the links the alarms' tags declare.
     */
    private static void askCloudWatch(BridgeConfig config, AlarmProbe probe, List<Problem> problems,
            List<String> notes) {
        AlarmProbe.Seen seen = probe.alarms();
        if (seen instanceof AlarmProbe.Refused refused) {
            problems.add(Problem.outside("CloudWatch refused " + refused.permission() + " for metric and composite "
                    + "alarms (AccessDenied): grant it on \"*\" (the template's ReadAlarmStates; AWS refuses "
                    + "composite alarms to a narrower grant); until then late events are applied unchecked and "
                    + "the reconciliation cannot run"));
        } else if (seen instanceof AlarmProbe.Unreadable unreadable) {
            notes.add("CloudWatch alarms were not read: " + unreadable.why());
        } else if (seen instanceof AlarmProbe.Listed listed) {
            matchedOnlyIgnoringCase(config, listed.alarms(), notes);
            if (config.tagLinks()) {
                TagLinkNotes.of(config, probe, listed.alarms(), problems, notes);
            }
        }
    }

    /**
     * Alarms a CloudWatch link matches only ignoring case ({@code checkout-*} and {@code Checkout-5xx}): the bridge
     * links them, but tools that compare with case (DescribeAlarms' AlarmNamePrefix, an EventBridge prefix without
     * equals-ignore-case, a team's own filters) do not.
     */
    private static void matchedOnlyIgnoringCase(BridgeConfig config, List<AlarmState> alarms, List<String> notes) {
        for (int i = 0; i < config.links().size(); i++) {
            ServiceLink link = config.links().get(i);
            if (link.source() != null && link.source() != AlertSource.CLOUDWATCH) {
                continue;
            }
            MonitorPattern pattern = new MonitorPattern(link.monitor());
            List<String> named = alarms.stream()
                    .filter(a -> ids(a).stream().anyMatch(pattern::matches)
                            && ids(a).stream().noneMatch(pattern::matchesWithCase))
                    .map(AlarmState::name).toList();
            if (!named.isEmpty()) {
                notes.add("links[" + i + "] (" + link.monitor() + ") matches alarm(s) only ignoring case: "
                        + listed(named) + ". The bridge links them (links match ignoring case), but a name filter "
                        + "that keeps case (DescribeAlarms' AlarmNamePrefix, an EventBridge prefix without "
                        + "equals-ignore-case, a team's scripts) leaves them out: write the link as the alarms spell "
                        + "it");
            }
        }
    }

    private static List<String> ids(AlarmState alarm) {
        return alarm.arn() == null ? List.of(alarm.name()) : List.of(alarm.name(), alarm.arn());
    }

    /** Names, the first ten of them. */
    private static String listed(List<String> names) {
        return names.size() <= 10 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 10)) + " and " + (names.size() - 10) + " more";
    }

    private void askStatusHub(BridgeConfig config, StatusHubAccount account, Map<String, JsonNode> documents,
            List<Problem> problems, List<String> notes) {
        String where = origin(documents, "statushub", "apiKey");
        StatusHubCalls.Answer hub = probe.get().hub(account);
        if (hub.status() == 401 || hub.status() == 403) {
            problems.add(new Problem(where, "$.statushub.apiKey", "StatusHub refused the key on hub '" + account.hub()
                    + "' (HTTP " + hub.status() + ")"));
            return;
        }
        if (hub.status() == 404) {
            problems.add(new Problem(origin(documents, "statushub", "hub"), "$.statushub.hub",
                    "StatusHub knows no hub '" + account.hub() + "' for this key (HTTP 404)"));
            return;
        }
        if (!hub.ok()) {
            notes.add("StatusHub could not be asked about hub '" + account.hub() + "' ("
                    + (hub.status() == 0 ? "no answer" : "HTTP " + hub.status()) + ")");
            return;
        }
        maintenances(config, account, notes);
        Optional<Set<Long>> ids = probe.get().serviceIds(account);
        if (ids.isEmpty()) {
            notes.add("service ids were not checked: StatusHub did not list the hub's services "
                    + "(GET /hubs/" + account.hub() + "/services is not in its public v3 documentation)");
            return;
        }
        for (ServiceTarget service : config.services().values()) {
            if (service.viaManagementApi() && !ids.get().contains(service.serviceId())) {
                problems.add(new Problem(origin(documents, "services", service.id()),
                        "$.services." + service.id() + ".serviceId",
                        "hub '" + account.hub() + "' has no service " + service.serviceId()));
            }
        }
    }

    /** The maintenances in progress, and which configured services and links each holds back. */
    private void maintenances(BridgeConfig config, StatusHubAccount account, List<String> notes) {
        Optional<List<HubMaintenance>> now = probe.get().maintenancesNow(account,
                Instant.now());
        if (now.isEmpty()) {
            notes.add("maintenances were not read: StatusHub did not list them for hub '" + account.hub() + "'");
            return;
        }
        if (now.get().isEmpty()) {
            notes.add("no maintenance in progress on hub '" + account.hub() + "'");
        }
        for (HubMaintenance maintenance : now.get()) {
            notes.add(PolicyNotes.maintenance(config, maintenance));
        }
    }

    /**
     * Links whose monitor no alert can carry: blanks at either end (identities arrive trimmed), control characters,
     * or an alarm ARN on a link restricted to another source.
     */
    private static void neverMatchingLinks(String document, JsonNode root, List<Problem> problems) {
        JsonNode links = root.path("links");
        for (int i = 0; i < links.size(); i++) {
            JsonNode link = links.get(i);
            String monitor = link.path("monitor").asText("");
            String source = link.path("source").asText("").toLowerCase(Locale.ROOT);
            String path = "$.links[" + i + "].monitor";
            if (!monitor.equals(monitor.strip()) && !monitor.isBlank()) {
                problems.add(new Problem(document, path, "never matches: blanks at the start or end (alert "
                        + "names arrive trimmed)"));
            } else if (monitor.codePoints().anyMatch(Character::isISOControl)) {
                problems.add(new Problem(document, path, "never matches: control characters"));
            } else if (monitor.toLowerCase(Locale.ROOT).startsWith(ALARM_ARN) && !source.isEmpty()
                    && !source.equals("cloudwatch")) {
                problems.add(new Problem(document, path, "never matches: a CloudWatch alarm ARN on a link "
                        + "for source " + source));
            }
        }
    }

    /** Each document's JSON, read once; one that is not JSON is left to the parser to report. */
    private Map<String, JsonNode> roots(List<ConfigDocument> documents) {
        Map<String, JsonNode> roots = new LinkedHashMap<>();
        for (ConfigDocument document : documents) {
            try {
                roots.put(document.name(), json.readTree(document.json()));
            } catch (Exception e) {
                roots.put(document.name(), json.missingNode());
            }
        }
        return roots;
    }

    /** The parameter that defines a field of a top-level object, for a problem's location. */
    private static String origin(Map<String, JsonNode> documents, String object, String field) {
        return documents.entrySet().stream().filter(d -> d.getValue().path(object).has(field)).map(Map.Entry::getKey)
                .findFirst().orElse(documents.isEmpty() ? "configuration" : documents.keySet().iterator().next());
    }
}
