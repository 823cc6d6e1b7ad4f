package dev.alertbridge.config;

import static dev.alertbridge.config.DocumentFields.nonBlank;
import static dev.alertbridge.config.DocumentFields.requireObject;
import static dev.alertbridge.config.DocumentFields.url;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** The {@code services} of a configuration document: each a StatusHub service, its name and its page policy. */
final class ServiceParser {
    /** A service's own fields: how it is reached; {@link FieldTable} adds the rest. */
    private static final Set<String> OWN_FIELDS = Set.of("name", "serviceId", "hookUrl");

    private ServiceParser() {
    }

    /** The services one document defines, each id defined by one document only. */
    static Map<String, ServiceTarget> services(String doc, JsonNode node, Origins origins) {
        Map<String, ServiceTarget> services = new LinkedHashMap<>();
        if (node == null) {
            return services;
        }
        requireObject(doc, "$.services", node);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = "$.services." + entry.getKey();
            origins.setOnce(doc, path, "duplicate service id, already defined in ");
            services.put(entry.getKey(), service(doc, path, entry.getKey(), entry.getValue()));
        }
        return services;
    }

    private static ServiceTarget service(String doc, String path, String id, JsonNode node) {
        FieldTable.check(doc, path, node, FieldTable.Level.SERVICE, OWN_FIELDS);
        if (id.isBlank()) {
            throw new ConfigValidationException(doc, path, "service id must not be blank");
        }
        String name = node.has("name") ? nonBlank(doc, path + ".name", node.get("name")) : id;
        PagePolicy policy = PagePolicyParser.parse(doc, path, node);
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
            return new ServiceTarget(id, name, serviceId.asLong(), null, policy);
        }
        return new ServiceTarget(id, name, null, url(doc, path + ".hookUrl", node.get("hookUrl")), policy);
    }

    /**
     * Two service keys with one {@code serviceId} would open two incidents on one StatusHub service for one alert,
     * and each clear would see the other still open: a configuration error naming both.
     */
    static void oneKeyPerServiceId(Map<String, ServiceTarget> services, Origins origins) {
        Map<Long, String> keyOf = new LinkedHashMap<>();
        for (ServiceTarget service : services.values()) {
            if (service.serviceId() == null) {
                continue;
            }
            String earlier = keyOf.putIfAbsent(service.serviceId(), service.id());
            if (earlier != null) {
                throw new ConfigValidationException(origins.of("$.services." + service.id()).orElseThrow(),
                        "$.services." + service.id() + ".serviceId", "is " + service.serviceId()
                                + ", as is $.services." + earlier + ".serviceId in "
                                + origins.of("$.services." + earlier).orElseThrow()
                                + ": one StatusHub service, one key");
            }
        }
    }
}
