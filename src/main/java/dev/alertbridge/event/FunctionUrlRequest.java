package dev.alertbridge.event;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Function URL request (HTTP payload format 2.0). Header names are matched case-insensitively; the body is
 * decoded from base64 when {@code isBase64Encoded}.
 *
 * @param method HTTP method
 * @param path request path, e.g. {@code /alertmanager}
 * @param headers headers with lower-cased names
 * @param query query parameters
 * @param body the body as Lambda passed it
 * @param base64 whether {@code body} is base64-encoded
 * @param iamAuthenticated whether Lambda authenticated the caller with AWS_IAM (set by Lambda, not the caller)
 */
public record FunctionUrlRequest(String method, String path, Map<String, String> headers, Map<String, String> query,
        String body, boolean base64, boolean iamAuthenticated) {

    /** Recognises the envelope: payload version 2.0 with an HTTP request context. */
    static boolean isEnvelope(JsonNode root) {
        JsonNode context = root.get("requestContext");
        return context != null && context.isObject() && context.has("http") && root.has("rawPath");
    }

    static FunctionUrlRequest parse(JsonNode root) {
        JsonNode http = root.get("requestContext").get("http");
        String method = http.path("method").asText("").toUpperCase(Locale.ROOT);
        String path = root.path("rawPath").asText("/");
        Map<String, String> headers = new HashMap<>();
        strings(root.get("headers"), (name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        Map<String, String> query = new HashMap<>();
        strings(root.get("queryStringParameters"), query::put);
        String body = root.hasNonNull("body") ? root.get("body").asText() : "";
        JsonNode authorizer = root.path("requestContext").path("authorizer");
        boolean iam = authorizer.isObject() && authorizer.path("iam").isObject();
        return new FunctionUrlRequest(method, path, headers, query, body, root.path("isBase64Encoded").asBoolean(false),
                iam);
    }

    /** The body text, decoded from base64 when Lambda encoded it. */
    public String text() {
        if (!base64) {
            return body;
        }
        try {
            return new String(Base64.getDecoder().decode(body.replaceAll("\\s", "")), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadEventException("body", "isBase64Encoded is true but the body is not base64");
        }
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    private static void strings(JsonNode node, BiConsumer<String, String> into) {
        if (node != null && node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isValueNode()) {
                    into.accept(field.getKey(), field.getValue().asText());
                }
            }
        }
    }

    @Override
    public String toString() {
        return "FunctionUrlRequest[" + method + " " + path + "]"; // headers and query may carry the token
    }
}
