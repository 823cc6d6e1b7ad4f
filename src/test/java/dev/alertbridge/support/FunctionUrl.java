package dev.alertbridge.support;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Calls the function as its Function URL would and reads the HTTP response it returns (payload format 2.0). The
 * invocation itself must succeed: a webhook caller is always answered with a status, never a failed invocation
 * (Lambda would turn that into a bare 502).
 */
public final class FunctionUrl {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FunctionUrl() {
    }

    /** What the webhook caller sees: status, headers and the JSON body. */
    public record Answer(int status, Map<String, String> headers, JsonNode body) {
        /** The {@code error} message of a 4xx/5xx answer. */
        public String error() {
            return body.path("error").asText();
        }

        /** The body read as the invocation's report. */
        public Report report() {
            return new Report(body);
        }

        /** One field of each linked service's outcome for the report's n-th alert, e.g. {@code "result"}. */
        public List<String> services(int alert, String field) {
            return report().services(alert, field);
        }

        /** A field of the report's n-th alert, e.g. {@code "state"}. */
        public String alert(int alert, String field) {
            return report().alert(alert, field);
        }
    }

    /** A POST with the right bearer token. */
    public static Answer post(String path, String body) {
        return send(Events.webhook(path, body));
    }

    /** Any Function URL request event, e.g. built with {@link Events#functionUrl}. */
    public static Answer send(String event) {
        String output = Lambda.invoke(event).statusCode(200).extract().asString();
        try {
            JsonNode response = JSON.readTree(output);
            Map<String, String> headers = JSON.convertValue(response.path("headers"), new TypeReference<>() {
            });
            return new Answer(response.path("statusCode").asInt(), headers,
                    JSON.readTree(response.path("body").asText()));
        } catch (IOException e) {
            throw new AssertionError("the function's answer is not a JSON HTTP response: " + output, e);
        }
    }
}
