package dev.alertbridge.support;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;

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
}
