package dev.alertbridge.handler;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A Function URL response (payload format 2.0).
 *
 * @param statusCode HTTP status
 * @param headers response headers
 * @param body JSON text
 * @param isBase64Encoded always false
 */
public record HttpResponse(int statusCode, Map<String, String> headers, String body,
        @JsonProperty("isBase64Encoded") boolean isBase64Encoded) {

    static HttpResponse json(int status, String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("content-type", "application/json");
        return new HttpResponse(status, Map.copyOf(headers), body, false);
    }
}
