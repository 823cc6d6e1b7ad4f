package dev.alertbridge.config;

import static dev.alertbridge.config.DocumentFields.nonBlank;
import static dev.alertbridge.config.DocumentFields.parseUrl;
import static dev.alertbridge.config.DocumentFields.rejectUnknown;
import static dev.alertbridge.config.DocumentFields.requireObject;
import static dev.alertbridge.config.DocumentFields.text;
import static dev.alertbridge.config.DocumentFields.url;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * Documents merge: {@code statushub} fields and {@code webhookToken} may each be set by one document only,
 * service ids must be unique across documents, links are concatenated. So a team can keep the API key in a
 * SecureString and the links in plain Strings.
 */
public final class ConfigParser {
    private static final Set<String> TOP_FIELDS = Set.of("statushub", "webhookToken", "services", "links", "mode",
            "reconcile", "publish", "maintenance", "holdDown", "reopenWithin", "heartbeat");
    private static final Set<String> RECONCILE_FIELDS = Set.of("mode");
    private static final Set<String> HEARTBEAT_FIELDS = Set.of("alert");
    private static final Set<String> ACCOUNT_FIELDS = Set.of("apiUrl", "apiKey", "hub");
    private static final Set<String> SERVICE_FIELDS = Set.of("name", "serviceId", "hookUrl", "publish");

    /** Shorter shared secrets can be guessed by anyone who finds the public URL. */
    static final int MIN_WEBHOOK_TOKEN = 16;

    private final ObjectMapper json;

    public ConfigParser(ObjectMapper json) {
        this.json = json;
    }

    public BridgeConfig parse(List<ConfigDocument> documents) {
        Map<String, String> accountFields = new LinkedHashMap<>();
        Map<String, String> accountOrigin = new LinkedHashMap<>();
        String webhookToken = null;
        /** The top-level settings one document only may set, and which did. */
        Map<String, String> settingOrigin = new LinkedHashMap<>();
        Map<String, ServiceTarget> services = new LinkedHashMap<>();
        Map<String, String> serviceOrigin = new LinkedHashMap<>();
        List<Map.Entry<String, JsonNode>> linkNodes = new ArrayList<>();
        WriteMode mode = null;
        ReconcileMode reconcileMode = null;
        Publish publish = Publish.NONE;
        MaintenancePolicy maintenance = null;
        Duration holdDown = null;
        Duration reopenWithin = null;
        Heartbeat heartbeat = null;

        for (ConfigDocument document : documents) {
            String doc = document.name();
            JsonNode root = read(document);
            if (root.isArray()) {
                throw new ConfigValidationException(doc, "$", "is a JSON array, but every parameter under the "
                        + "configuration path is a configuration document (an object); links for the EventBridge rule "
                        + "(EmbeddedLinksParameter) must live outside the path");
            }
            requireObject(doc, "$", root);
            rejectUnknown(doc, "$", root, TOP_FIELDS);

            JsonNode account = root.get("statushub");
            if (account != null) {
                requireObject(doc, "$.statushub", account);
                rejectUnknown(doc, "$.statushub", account, ACCOUNT_FIELDS);
                for (String field : ACCOUNT_FIELDS) {
                    if (account.has(field)) {
                        String path = "$.statushub." + field;
                        setOnce(accountOrigin, field, doc, path, "also set in ");
                        accountFields.put(field, text(doc, path, account.get(field)));
                    }
                }
            }
            if (root.has("webhookToken")) {
                setOnce(settingOrigin, "webhookToken", doc, "$.webhookToken", "also set in ");
                webhookToken = text(doc, "$.webhookToken", root.get("webhookToken"));
                if (webhookToken.strip().length() < MIN_WEBHOOK_TOKEN) {
                    throw new ConfigValidationException(doc, "$.webhookToken", "must be at least " + MIN_WEBHOOK_TOKEN
                            + " characters (e.g. the output of openssl rand -hex 24)");
                }
            }
            if (root.has("mode")) {
                setOnce(settingOrigin, "mode", doc, "$.mode", "also set in ");
                mode = LinkParser.mode(doc, "$.mode", root.get("mode"));
            }
            if (root.has("reconcile")) {
                setOnce(settingOrigin, "reconcile", doc, "$.reconcile", "also set in ");
                reconcileMode = reconcileMode(doc, root.get("reconcile"));
            }
            if (root.has("publish")) {
                setOnce(settingOrigin, "publish", doc, "$.publish", "also set in ");
                publish = PublishParser.parse(doc, "$.publish", root.get("publish"));
            }
            if (root.has("maintenance")) {
                setOnce(settingOrigin, "maintenance", doc, "$.maintenance", "also set in ");
                String policy = text(doc, "$.maintenance", root.get("maintenance"));
                maintenance = Arrays.stream(MaintenancePolicy.values())
                        .filter(m -> m.name().toLowerCase(Locale.ROOT).equals(policy)).findFirst()
                        .orElseThrow(() -> new ConfigValidationException(doc, "$.maintenance", "must be skip or post"));
            }
            if (root.has("holdDown")) {
                setOnce(settingOrigin, "holdDown", doc, "$.holdDown", "also set in ");
                holdDown = DocumentFields.duration(doc, "$.holdDown", root.get("holdDown"));
            }
            if (root.has("reopenWithin")) {
                setOnce(settingOrigin, "reopenWithin", doc, "$.reopenWithin", "also set in ");
                reopenWithin = DocumentFields.duration(doc, "$.reopenWithin", root.get("reopenWithin"));
            }
            if (root.has("heartbeat")) {
                setOnce(settingOrigin, "heartbeat", doc, "$.heartbeat", "also set in ");
                heartbeat = heartbeat(doc, root.get("heartbeat"));
            }
            JsonNode serviceNodes = root.get("services");
            if (serviceNodes != null) {
                requireObject(doc, "$.services", serviceNodes);
                for (Iterator<Map.Entry<String, JsonNode>> it = serviceNodes.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    String path = "$.services." + entry.getKey();
                    setOnce(serviceOrigin, entry.getKey(), doc, path, "duplicate service id, already defined in ");
                    services.put(entry.getKey(), service(doc, path, entry.getKey(), entry.getValue()));
                }
            }
            JsonNode links = root.get("links");
            if (links != null) {
                linkNodes.add(Map.entry(doc, links));
            }
        }

        List<ServiceLink> links = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : linkNodes) {
            links.addAll(LinkParser.links(entry.getKey(), "$.links", entry.getValue(), services.keySet()));
        }
        oneKeyPerServiceId(services, serviceOrigin);
        Optional<StatusHubAccount> account = account(accountFields, accountOrigin, services, serviceOrigin);
        return new BridgeConfig(account, Optional.ofNullable(webhookToken), services, links, mode, reconcileMode,
                publish, maintenance, holdDown, reopenWithin, Optional.ofNullable(heartbeat));
    }

    /**
     * Two service keys with one {@code serviceId} would open two incidents on one StatusHub service for one alert,
     * and each clear would see the other still open: a configuration error naming both.
     */
    private static void oneKeyPerServiceId(Map<String, ServiceTarget> services, Map<String, String> serviceOrigin) {
        Map<Long, String> keyOf = new LinkedHashMap<>();
        for (ServiceTarget service : services.values()) {
            if (service.serviceId() == null) {
                continue;
            }
            String earlier = keyOf.putIfAbsent(service.serviceId(), service.id());
            if (earlier != null) {
                throw new ConfigValidationException(serviceOrigin.get(service.id()),
                        "$.services." + service.id() + ".serviceId", "is " + service.serviceId()
                                + ", as is $.services." + earlier + ".serviceId in " + serviceOrigin.get(earlier)
                                + ": one StatusHub service, one key");
            }
        }
    }

    /** Records that {@code doc} sets {@code key}; a second document setting it fails, naming the first. */
    private static void setOnce(Map<String, String> origins, String key, String doc, String path, String already) {
        String earlier = origins.putIfAbsent(key, doc);
        if (earlier != null) {
            throw new ConfigValidationException(doc, path, already + earlier);
        }
    }

    private static ReconcileMode reconcileMode(String doc, JsonNode node) {
        requireObject(doc, "$.reconcile", node);
        rejectUnknown(doc, "$.reconcile", node, RECONCILE_FIELDS);
        if (!node.hasNonNull("mode")) {
            return ReconcileMode.REPORT;
        }
        String mode = text(doc, "$.reconcile.mode", node.get("mode"));
        return Arrays.stream(ReconcileMode.values()).filter(m -> m.configName().equals(mode)).findFirst()
                .orElseThrow(() -> new ConfigValidationException(doc, "$.reconcile.mode", "must be report or repair"));
    }

    /** {@code "heartbeat": {"alert": "Watchdog"}}; {@code alert} may be left out ({@code Watchdog}). */
    private static Heartbeat heartbeat(String doc, JsonNode node) {
        requireObject(doc, "$.heartbeat", node);
        rejectUnknown(doc, "$.heartbeat", node, HEARTBEAT_FIELDS);
        return new Heartbeat(node.has("alert") ? nonBlank(doc, "$.heartbeat.alert", node.get("alert"))
                : Heartbeat.DEFAULT_ALERT);
    }

    private ServiceTarget service(String doc, String path, String id, JsonNode node) {
        requireObject(doc, path, node);
        rejectUnknown(doc, path, node, SERVICE_FIELDS);
        if (id.isBlank()) {
            throw new ConfigValidationException(doc, path, "service id must not be blank");
        }
        String name = node.has("name") ? nonBlank(doc, path + ".name", node.get("name")) : id;
        Publish publish = PublishParser.parse(doc, path + ".publish", node.get("publish"));
        boolean hasId = node.has("serviceId") && !node.get("serviceId").isNull();
        boolean hasHook = node.has("hookUrl") && !node.get("hookUrl").isNull();
        if (hasId == hasHook) {
            throw new ConfigValidationException(doc, path, "needs exactly one of serviceId or hookUrl");
        }
        if (hasId) {
            JsonNode serviceId = node.get("serviceId");
            if (!serviceId.canConvertToLong() || !serviceId.isIntegralNumber() || serviceId.asLong() <= 0) {
                throw new ConfigValidationException(doc, path + ".serviceId", "must be a positive integer");
            }
            return new ServiceTarget(id, name, serviceId.asLong(), null, publish);
        }
        return new ServiceTarget(id, name, null, url(doc, path + ".hookUrl", node.get("hookUrl")), publish);
    }

    private Optional<StatusHubAccount> account(Map<String, String> fields, Map<String, String> origin,
            Map<String, ServiceTarget> services, Map<String, String> serviceOrigin) {
        String needing = services.values().stream().filter(ServiceTarget::viaManagementApi).map(ServiceTarget::id)
                .findFirst().orElse(null);
        if (fields.isEmpty() && needing == null) {
            return Optional.empty();
        }
        for (String field : List.of("apiUrl", "apiKey", "hub")) {
            if (!fields.containsKey(field) || fields.get(field).isBlank()) {
                String doc = origin.getOrDefault("apiUrl", needing == null ? origin.values().iterator().next()
                        : serviceOrigin.get(needing));
                throw new ConfigValidationException(doc, "$.statushub." + field,
                        "is required" + (needing == null ? "" : " because service '" + needing + "' uses serviceId"));
            }
        }
        URI apiUrl = parseUrl(origin.get("apiUrl"), "$.statushub.apiUrl", fields.get("apiUrl"));
        return Optional.of(new StatusHubAccount(apiUrl, fields.get("apiKey"), fields.get("hub")));
    }

    private JsonNode read(ConfigDocument document) {
        try {
            JsonNode node = json.readTree(document.json());
            if (node == null || node.isMissingNode()) {
                throw new ConfigValidationException(document.name(), "$", "is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the offending text, which may be a secret: keep only the location.
            String at = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new ConfigValidationException(document.name(), "$", "is not valid JSON" + at);
        }
    }

}
