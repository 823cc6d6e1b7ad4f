package dev.alertbridge.config;

import static dev.alertbridge.config.DocumentFields.choice;
import static dev.alertbridge.config.DocumentFields.named;
import static dev.alertbridge.config.DocumentFields.nonBlank;
import static dev.alertbridge.config.DocumentFields.parseUrl;
import static dev.alertbridge.config.DocumentFields.rejectUnknown;
import static dev.alertbridge.config.DocumentFields.requireObject;
import static dev.alertbridge.config.DocumentFields.text;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Parses and merges configuration documents with strict, specific validation. Every error names the
 * document and the JSON path, and never quotes a value (values may be secrets).
 *
 * <p>
 * Documents merge: {@code statushub} fields and every top-level setting ({@code webhookToken}, {@code mode},
 * {@code holdDown}, ...) may each be set by one document only, service ids must be unique across documents, links
 * are concatenated. So a team can keep the API key in a SecureString and the links in plain Strings.
 */
public final class ConfigParser {
    /** The configuration's own fields; {@link FieldTable} adds its settings (modes and page policy). */
    private static final Set<String> OWN_FIELDS = Set.of("statushub", "webhookToken", "services", "links");
    /** Merged field by field across documents rather than set by one. */
    private static final Set<String> MERGED = Set.of("statushub", "services", "links");
    private static final List<String> ACCOUNT_FIELDS = List.of("apiUrl", "apiKey", "hub");
    private static final Set<String> RECONCILE_FIELDS = Set.of("mode");
    private static final Set<String> HEARTBEAT_FIELDS = Set.of("alert");

    /** Shorter shared secrets can be guessed by anyone who finds the public URL. */
    static final int MIN_WEBHOOK_TOKEN = 16;

    private final ObjectMapper json;

    public ConfigParser(ObjectMapper json) {
        this.json = json;
    }

    public BridgeConfig parse(List<ConfigDocument> documents) {
        Origins origins = new Origins();
        Map<String, String> accountFields = new LinkedHashMap<>();
        Optional<String> webhookToken = Optional.empty();
        Map<String, ServiceTarget> services = new LinkedHashMap<>();
        List<Map.Entry<String, JsonNode>> linkNodes = new ArrayList<>();
        BridgeConfig.Modes modes = new BridgeConfig.Modes(null, null);
        PagePolicy policy = PagePolicy.NONE;
        Optional<Heartbeat> heartbeat = Optional.empty();
        boolean tagLinks = false;
        for (ConfigDocument document : documents) {
            String doc = document.name();
            JsonNode root = root(document);
            FieldTable.check(doc, "$", root, FieldTable.Level.CONFIGURATION, OWN_FIELDS);
            settingsOnce(doc, root, origins);
            accountFields.putAll(accountFields(doc, root.get("statushub"), origins));
            webhookToken = root.has("webhookToken") ? Optional.of(webhookToken(doc, root.get("webhookToken")))
                    : webhookToken;
            modes = modes(doc, root, modes);
            policy = PagePolicyParser.parse(doc, "$", root).over(policy);
            heartbeat = root.has("heartbeat") ? Optional.of(heartbeat(doc, root.get("heartbeat"))) : heartbeat;
            tagLinks = root.has("tagLinks") ? tagLinks(doc, root.get("tagLinks")) : tagLinks;
            services.putAll(ServiceParser.services(doc, root.get("services"), origins));
            if (root.has("links")) {
                linkNodes.add(Map.entry(doc, root.get("links")));
            }
        }
        List<ServiceLink> links = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : linkNodes) {
            links.addAll(LinkParser.links(entry.getKey(), "$.links", entry.getValue(), services.keySet()));
        }
        ServiceParser.oneKeyPerServiceId(services, origins);
        Optional<StatusHubAccount> account = account(accountFields, origins, services);
        return new BridgeConfig(new BridgeConfig.Access(account, webhookToken), services, links, modes, policy,
                new AlertOptions(tagLinks, heartbeat));
    }

    /** {@code "tagLinks": true}: a JSON boolean, not a string that reads like one. */
    private static boolean tagLinks(String doc, JsonNode node) {
        if (!node.isBoolean()) {
            throw new ConfigValidationException(doc, "$.tagLinks", "must be true or false");
        }
        return node.asBoolean();
    }

    /** {@code "heartbeat": {"alert": "Watchdog"}}; {@code alert} may be left out ({@code Watchdog}). */
    private static Heartbeat heartbeat(String doc, JsonNode node) {
        requireObject(doc, "$.heartbeat", node);
        rejectUnknown(doc, "$.heartbeat", node, HEARTBEAT_FIELDS);
        return new Heartbeat(node.has("alert") ? nonBlank(doc, "$.heartbeat.alert", node.get("alert"))
                : Heartbeat.DEFAULT_ALERT);
    }

    /** Every top-level setting (all but the merged objects) is set by one document only. */
    private static void settingsOnce(String doc, JsonNode root, Origins origins) {
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!MERGED.contains(name)) {
                origins.setOnce(doc, "$." + name, "also set in ");
            }
        }
    }

    private static Map<String, String> accountFields(String doc, JsonNode account, Origins origins) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (account == null) {
            return fields;
        }
        requireObject(doc, "$.statushub", account);
        rejectUnknown(doc, "$.statushub", account, Set.copyOf(ACCOUNT_FIELDS));
        for (String field : ACCOUNT_FIELDS) {
            if (account.has(field)) {
                String path = "$.statushub." + field;
                origins.setOnce(doc, path, "also set in ");
                fields.put(field, text(doc, path, account.get(field)));
            }
        }
        origins.saidBy(doc, "$.statushub");
        return fields;
    }

    private static String webhookToken(String doc, JsonNode node) {
        String token = text(doc, "$.webhookToken", node);
        if (token.strip().length() < MIN_WEBHOOK_TOKEN) {
            throw new ConfigValidationException(doc, "$.webhookToken", "must be at least " + MIN_WEBHOOK_TOKEN
                    + " characters (e.g. the output of openssl rand -hex 24)");
        }
        return token;
    }

    /** {@code mode} and {@code reconcile.mode}, where this document sets them. */
    private static BridgeConfig.Modes modes(String doc, JsonNode root, BridgeConfig.Modes modes) {
        WriteMode write = root.has("mode") ? LinkParser.mode(doc, "$.mode", root.get("mode")) : modes.write();
        JsonNode reconcile = root.get("reconcile");
        if (reconcile == null) {
            return new BridgeConfig.Modes(write, modes.reconcile());
        }
        requireObject(doc, "$.reconcile", reconcile);
        rejectUnknown(doc, "$.reconcile", reconcile, RECONCILE_FIELDS);
        if (!reconcile.hasNonNull("mode")) {
            return new BridgeConfig.Modes(write, ReconcileMode.REPORT);
        }
        return new BridgeConfig.Modes(write, choice(doc, "$.reconcile.mode", reconcile.get("mode"),
                mode -> named(ReconcileMode.values(), mode), "must be report or repair"));
    }

    private static Optional<StatusHubAccount> account(Map<String, String> fields, Origins origins,
            Map<String, ServiceTarget> services) {
        String needing = services.values().stream().filter(ServiceTarget::viaManagementApi).map(ServiceTarget::id)
                .findFirst().orElse(null);
        if (fields.isEmpty() && needing == null) {
            return Optional.empty();
        }
        for (String field : ACCOUNT_FIELDS) {
            if (!fields.containsKey(field) || fields.get(field).isBlank()) {
                String doc = origins.of("$.statushub.apiUrl").or(() -> needing == null ? origins.of("$.statushub")
                        : origins.of("$.services." + needing)).orElseThrow();
                throw new ConfigValidationException(doc, "$.statushub." + field,
                        "is required" + (needing == null ? "" : " because service '" + needing + "' uses serviceId"));
            }
        }
        URI apiUrl = parseUrl(origins.of("$.statushub.apiUrl").orElseThrow(), "$.statushub.apiUrl",
                fields.get("apiUrl"));
        return Optional.of(new StatusHubAccount(apiUrl, fields.get("apiKey"), fields.get("hub")));
    }

    /** A document's JSON object; not JSON, empty or an array are errors naming the document. */
    private JsonNode root(ConfigDocument document) {
        JsonNode root;
        try {
            root = json.readTree(document.json());
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the offending text, which may be a secret: keep only the location.
            String at = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new ConfigValidationException(document.name(), "$", "is not valid JSON" + at);
        }
        if (root == null || root.isMissingNode()) {
            throw new ConfigValidationException(document.name(), "$", "is empty");
        }
        if (root.isArray()) {
            throw new ConfigValidationException(document.name(), "$", "is a JSON array, but every parameter under "
                    + "the configuration path is a configuration document (an object); links for the EventBridge "
                    + "rule (EmbeddedLinksParameter) must live outside the path");
        }
        return root;
    }
}
