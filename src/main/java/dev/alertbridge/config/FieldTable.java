package dev.alertbridge.config;

import static dev.alertbridge.config.DocumentFields.requireObject;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * "Where each field may be set" (docs/configuration.md): besides its own fields (a service's {@code serviceId},
 * a link's {@code monitor}), the whole configuration, a service and a link may carry the fields this table allows
 * them. Every page policy field may be set at every level; {@code mode} on the configuration or a link;
 * {@code reconcile}, {@code tagLinks} and {@code heartbeat} on the configuration only. A field at a level the table
 * forbids is an error naming its path and where it may be set:
 * {@code $.services.checkout.mode: may be set on the whole configuration or a link, not on a
 * service}.
 */
final class FieldTable {

    /** Where a field sits. */
    enum Level {
        CONFIGURATION("the whole configuration"),
        SERVICE("a service"),
        LINK("a link");

        private final String words;

        Level(String words) {
            this.words = words;
        }
    }

    /** The table's rows: each field a level may carry besides its own, and the levels that may carry it. */
    private static final Map<String, Set<Level>> WHERE = rows();

    private FieldTable() {
    }

    private static Map<String, Set<Level>> rows() {
        Map<String, Set<Level>> rows = new LinkedHashMap<>();
        PagePolicyParser.FIELDS.forEach(field -> rows.put(field, EnumSet.allOf(Level.class)));
        rows.put("mode", EnumSet.of(Level.CONFIGURATION, Level.LINK));
        rows.put("reconcile", EnumSet.of(Level.CONFIGURATION));
        rows.put("tagLinks", EnumSet.of(Level.CONFIGURATION));
        rows.put("heartbeat", EnumSet.of(Level.CONFIGURATION));
        return Map.copyOf(rows);
    }

    /** The fields of the table, each with the levels that may carry it (the documented table is checked against it). */
    static Map<String, Set<Level>> rowsByField() {
        return WHERE;
    }

    /** The object at {@code path} carries only its {@code own} fields and those the table allows at its level. */
    static void check(String doc, String path, JsonNode node, Level level, Set<String> own) {
        requireObject(doc, path, node);
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            Set<Level> where = WHERE.get(name);
            if (own.contains(name) || where != null && where.contains(level)) {
                continue;
            }
            if (where == null) {
                Set<String> known = new TreeSet<>(own);
                WHERE.forEach((field, levels) -> {
                    if (levels.contains(level)) {
                        known.add(field);
                    }
                });
                throw DocumentFields.unknownField(doc, path, name, known);
            }
            throw new ConfigValidationException(doc, path + "." + name, "may be set "
                    + (where.size() == 1 ? "only " : "") + "on " + Arrays.stream(Level.values())
                            .filter(where::contains).map(l -> l.words).collect(Collectors.joining(" or "))
                    + ", not on " + level.words);
        }
    }
}
