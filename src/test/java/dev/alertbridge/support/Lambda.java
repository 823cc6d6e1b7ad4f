package dev.alertbridge.support;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.alertbridge.handler.ExecutionEnvironment;
import io.restassured.parsing.Parser;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * Invokes the real handler through Quarkus' mock Lambda event server: 200 with the function's output, or 500 with
 * {@code errorMessage} when the invocation failed.
 */
public final class Lambda {
    private Lambda() {
    }

    public static ValidatableResponse invoke(String event) {
        LogCapture.install();
        // Sent as opaque bytes: RestAssured would otherwise try to pretty-print hostile "JSON" when logging.
        Response response = given().contentType("application/octet-stream").accept("application/json")
                .body(event.getBytes(StandardCharsets.UTF_8)).when().post();
        LogCapture.answer(response.asString());
        // The mock event server does not label the function's output; it is JSON.
        return response.then()
                .parser("application/x-www-form-urlencoded", Parser.JSON)
                .parser("text/plain", Parser.JSON);
    }

    /** What two environments answered to events sent at the same moment: the test's own (200), and another. */
    public record Race(String here, ExecutionEnvironment.Answer there) {
    }

    /** Sends {@code here} to the test's environment and {@code there} to a fresh one beside it, at once. */
    public static Race atOnce(String here, String there) throws Exception {
        ExecutionEnvironment other = ExecutionEnvironment.another();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<String> first = CompletableFuture.supplyAsync(
                    () -> invoke(here).statusCode(200).extract().asString(), threads);
            CompletableFuture<ExecutionEnvironment.Answer> second = CompletableFuture.supplyAsync(
                    () -> other.invoke(there), threads);
            return new Race(first.get(), second.get());
        } finally {
            threads.shutdownNow();
        }
    }
}
