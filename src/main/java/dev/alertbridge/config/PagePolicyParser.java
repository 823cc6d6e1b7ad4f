package dev.alertbridge.config;

import static dev.alertbridge.config.DocumentFields.choice;

import java.time.Duration;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The page policy a configuration, a service or a link says: its fields sit on that object itself
 * ({@code "holdDown": "5m"} beside a link's {@code "monitor"}), each optional, each error naming its path.
 */
final class PagePolicyParser {
    /** The policy's fields as the configuration writes them; each may be set at every level ({@link FieldTable}). */
    static final Set<String> FIELDS = Set.of("publish", "group", "holdDown", "reopenWithin", "maintenance");

    private PagePolicyParser() {
    }

    /** What the object at {@code path} says; {@link PagePolicy#NONE}'s nothing where it says nothing. */
    static PagePolicy parse(String doc, String path, JsonNode node) {
        return new PagePolicy(PublishParser.parse(doc, path + ".publish", node.get("publish")),
                choice(doc, path + ".group", node.get("group"), Group::of,
                        "must be off, alert, service, or a group name of lower-case letters, digits and -"),
                duration(doc, path + ".holdDown", node.get("holdDown")),
                duration(doc, path + ".reopenWithin", node.get("reopenWithin")),
                choice(doc, path + ".maintenance", node.get("maintenance"), MaintenancePolicy::of,
                        "must be skip or post"));
    }

    private static Duration duration(String doc, String path, JsonNode node) {
        return node == null || node.isNull() ? null : DocumentFields.duration(doc, path, node);
    }
}
