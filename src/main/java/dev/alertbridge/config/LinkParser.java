package dev.alertbridge.config;

import static dev.alertbridge.config.DocumentFields.nonBlank;
import static dev.alertbridge.config.DocumentFields.printable;
import static dev.alertbridge.config.DocumentFields.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.ServiceStatus;

/** Service links, from a configuration document or embedded in an event: validated field by field. */
public final class LinkParser {
    /** A link's own fields: what it matches and what it does; {@link FieldTable} adds the rest. */
    private static final Set<String> OWN_FIELDS = Set.of("monitor", "escalationLevel", "source", "services", "status");

    private LinkParser() {
    }

    /** Links given outside Parameter Store (embedded in an event), validated like stored ones. */
    public static List<ServiceLink> links(String doc, String path, JsonNode node, Set<String> serviceIds) {
        if (node == null || !node.isArray()) {
            throw new ConfigValidationException(doc, path, "must be an array of links");
        }
        List<ServiceLink> links = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            links.add(link(doc, path + "[" + i + "]", node.get(i), serviceIds));
        }
        return links;
    }

    private static ServiceLink link(String doc, String path, JsonNode node, Set<String> serviceIds) {
        FieldTable.check(doc, path, node, FieldTable.Level.LINK, OWN_FIELDS);
        String monitor = nonBlank(doc, path + ".monitor", node.get("monitor"));
        Integer level = null;
        JsonNode levelNode = node.get("escalationLevel");
        if (levelNode != null && !levelNode.isNull()) {
            if (!levelNode.isInt() || levelNode.asInt() < 1 || levelNode.asInt() > 3) {
                throw new ConfigValidationException(doc, path + ".escalationLevel", "must be 1, 2 or 3");
            }
            level = levelNode.asInt();
        }
        AlertSource source = null;
        JsonNode sourceNode = node.get("source");
        if (sourceNode != null && !sourceNode.isNull()) {
            String name = text(doc, path + ".source", sourceNode);
            source = AlertSource.fromLinkName(name).orElseThrow(() -> new ConfigValidationException(doc,
                    path + ".source", "must be one of cloudwatch, uptrends, alertmanager, grafana"));
        }
        JsonNode targets = node.get("services");
        if (targets == null || !targets.isArray() || targets.isEmpty()) {
            throw new ConfigValidationException(doc, path + ".services", "must be a non-empty array of service ids");
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            String itemPath = path + ".services[" + i + "]";
            String id = text(doc, itemPath, targets.get(i));
            if (!serviceIds.contains(id)) {
                throw new ConfigValidationException(doc, itemPath, "links to undefined service '" + printable(id) + "'");
            }
            ids.add(id);
        }
        ServiceStatus status = ServiceStatus.DOWN;
        JsonNode statusNode = node.get("status");
        if (statusNode != null && !statusNode.isNull()) {
            status = ServiceStatus.fromWire(text(doc, path + ".status", statusNode))
                    .filter(s -> s != ServiceStatus.UP).orElseThrow(() -> new ConfigValidationException(doc,
                            path + ".status", "must be down or degraded-performance"));
        }
        WriteMode mode = node.hasNonNull("mode") ? mode(doc, path + ".mode", node.get("mode")) : WriteMode.LIVE;
        return new ServiceLink(monitor, level, source, ids, status, mode, PagePolicyParser.parse(doc, path, node));
    }

    static WriteMode mode(String doc, String path, JsonNode node) {
        return WriteMode.fromConfig(text(doc, path, node))
                .orElseThrow(() -> new ConfigValidationException(doc, path, "must be live, shadow or off"));
    }

}
