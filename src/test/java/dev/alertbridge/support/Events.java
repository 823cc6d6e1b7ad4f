package dev.alertbridge.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Real-shaped fixtures from {@code src/test/resources/events/<source>/}, loaded by name. */
public final class Events {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    public static String load(String name) {
        return resource("events/" + name);
    }

    /** A bad input from {@code src/test/resources/bad-input/<source>/}, byte for byte (it may not be JSON). */
    public static String badInput(String name) {
        return resource("bad-input/" + name);
    }

    private static String resource(String path) {
        try (InputStream in = Events.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The EventBridge ALARM of {@code alarm}, entering ALARM at {@code at} (CloudWatch format, e.g.
     * 2019-10-02T17:04:40.989+0000).
     */
    public static String alarm(String alarm, String at) {
        return load("eventbridge/1-alarm.json").replace("ServerCpuTooHigh", alarm)
                .replace("2019-10-02T17:04:40.989+0000", at);
    }

    /** The EventBridge OK of {@code alarm} that entered ALARM at {@code openedAt}, arriving at {@code at}. */
    public static String ok(String alarm, String openedAt, String at) {
        return load("eventbridge/2-ok.json").replace("ServerCpuTooHigh", alarm)
                .replace("2019-10-02T17:04:40.989+0000", openedAt).replace("2019-10-02T17:34:40.989+0000", at);
    }

    /** A Function URL request (payload format 2.0) carrying this body, as Lambda hands it to the function. */
    public static String functionUrl(String method, String path, String query, String authorization, String body,
            boolean base64) {
        try {
            ObjectNode request = (ObjectNode) JSON.readTree(load("function-url/request.json"));
            request.put("rawPath", path);
            request.put("rawQueryString", query == null ? "" : query);
            ObjectNode queryParameters = request.putObject("queryStringParameters");
            if (query != null) {
                for (String pair : query.split("&")) {
                    String[] kv = pair.split("=", 2);
                    queryParameters.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
            }
            ObjectNode headers = request.putObject("headers");
            headers.put("content-type", "application/json");
            if (authorization != null) {
                headers.put("authorization", authorization);
            }
            ((ObjectNode) request.get("requestContext")).remove("authorizer");
            ((ObjectNode) request.get("requestContext").get("http")).put("method", method).put("path", path);
            request.put("body", base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8))
                    : body);
            request.put("isBase64Encoded", base64);
            return request.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A webhook POST with the right token. */
    public static String webhook(String path, String body) {
        return functionUrl("POST", path, null, "Bearer " + TestConfig.WEBHOOK_TOKEN, body, false);
    }
}
