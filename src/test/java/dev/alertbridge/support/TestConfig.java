package dev.alertbridge.support;

import java.util.List;

import dev.alertbridge.support.ParameterStore.Parameter;

/**
 * The configuration the tests run with, split as a team would store it: secrets in a SecureString, services and
 * links in a plain String parameter.
 */
public final class TestConfig {
    public static final String API_KEY = "shk-live-7f3a9c1e5b2d4f6a8c0e";
    public static final String WEBHOOK_TOKEN = "whk-2b4d6f8a0c1e3a5c7e9f";
    public static final String HOOK_TOKEN = "598f3b0da9ba4738c2d1";

    private TestConfig() {
    }

    public static List<String> secrets() {
        return List.of(API_KEY, WEBHOOK_TOKEN, HOOK_TOKEN);
    }

    public static Parameter secrets(String apiKey, String webhookToken) {
        return new Parameter(ParameterStore.PATH + "secrets", "SecureString",
                "{\"statushub\":{\"apiKey\":\"" + apiKey + "\"},\"webhookToken\":\"" + webhookToken + "\"}");
    }

    public static Parameter links() {
        return new Parameter(ParameterStore.PATH + "links", "String", linksDocument());
    }

    public static List<Parameter> standardDocuments() {
        return List.of(secrets(API_KEY, WEBHOOK_TOKEN), links());
    }

    public static String hookUrl() {
        return Neighbours.baseUrl() + "/hooks/generic?token=" + HOOK_TOKEN;
    }

    /** Twelve more Management API services, {@code fan-01}…{@code fan-12}, ids 201…212. */
    static String fanOutServices() {
        StringBuilder services = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            services.append(i == 1 ? "" : ",\n").append("\"fan-%02d\": { \"serviceId\": %d }".formatted(i, 200 + i));
        }
        return services.toString();
    }

    static String fanOutIds() {
        StringBuilder ids = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            ids.append(i == 1 ? "" : ", ").append("\"fan-%02d\"".formatted(i));
        }
        return ids.toString();
    }

    public static String linksDocument() {
        return """
                {
                  "statushub": { "apiUrl": "%s/api/v3", "hub": "acme" },
                  "services": {
                    "checkout": { "name": "Checkout", "serviceId": 101 },
                    "search":   { "name": "Search",   "serviceId": 102 },
                    "payments": { "name": "Payments", "serviceId": 103 },
                    "widget":   { "name": "Widget",   "hookUrl": "%s" },
                    %s
                  },
                  "links": [
                    { "monitor": "ServerCpuTooHigh", "escalationLevel": 1, "services": ["checkout", "search"] },
                    { "monitor": "checkout-composite", "services": ["checkout"] },
                    { "monitor": "DiskFull", "escalationLevel": 2, "services": ["payments"] },
                    { "monitor": "EXAMPLE", "source": "cloudwatch", "services": ["search"] },
                    { "monitor": "arn:aws:cloudwatch:us-east-1:444455556666:alarm:lambda-demo-metric-alarm",
                      "services": ["payments"] },
                    { "monitor": "849b2046-213d-43ad-9efc-5af1faaeb222", "source": "uptrends", "services": ["search"] },
                    { "monitor": "HighErrorRate", "source": "alertmanager", "services": ["checkout"] },
                    { "monitor": "High memory usage", "source": "grafana", "services": ["checkout"] },
                    { "monitor": "High CPU usage", "source": "grafana", "services": ["search"] },
                    { "monitor": "WidgetLatency*", "services": ["widget", "checkout"] },
                    { "monitor": "ThreeServices", "services": ["checkout", "search", "payments"] },
                    { "monitor": "FanOutTwelve", "services": [%s] }
                  ]
                }
                """.formatted(Neighbours.baseUrl(), hookUrl(), fanOutServices(), fanOutIds());
    }
}
