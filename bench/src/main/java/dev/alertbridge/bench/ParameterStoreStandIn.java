package dev.alertbridge.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * Parameter Store as the SDK sees it ({@code AWS_ENDPOINT_URL_SSM}): {@code AmazonSSM.GetParametersByPath} over AWS
 * JSON 1.1, every stored parameter in one page. Counts the reads and when they happened.
 */
final class ParameterStoreStandIn extends LocalServer {
    static final String PATH = "/statushub-bridge/";

    @Override
    boolean answersAtOnce() {
        return true;
    }

    private static final String TARGET = "AmazonSSM.GetParametersByPath";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final List<Long> reads = new ArrayList<>();

    ParameterStoreStandIn() {
        super("parameter-store");
    }

    synchronized void holds(Map<String, String> nameToValue) {
        parameters.clear();
        parameters.putAll(nameToValue);
    }

    /** Times ({@link System#nanoTime}) of the reads so far. */
    synchronized List<Long> reads() {
        return new ArrayList<>(reads);
    }

    synchronized void forgetReads() {
        reads.clear();
    }

    @Override
    void handle(HttpExchange exchange) throws Exception {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        body(exchange);
        if (!"POST".equals(exchange.getRequestMethod()) || !TARGET.equals(target)) {
            send(exchange, 400, "application/x-amz-json-1.1",
                    "{\"__type\":\"InvalidAction\",\"message\":\"stand-in only serves " + TARGET + "\"}");
            return;
        }
        ObjectNode page = JSON.createObjectNode();
        synchronized (this) {
            reads.add(System.nanoTime());
            ArrayNode list = page.putArray("Parameters");
            parameters.forEach((name, value) -> list.addObject().put("Name", name)
                    .put("Type", name.endsWith("secrets") ? "SecureString" : "String").put("Value", value)
                    .put("Version", 1).put("ARN", "arn:aws:ssm:eu-west-1:123456789012:parameter" + name)
                    .put("DataType", "text"));
        }
        send(exchange, 200, "application/x-amz-json-1.1", page.toString());
    }
}
