package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.FunctionUrl;
import dev.alertbridge.support.FunctionUrl.Answer;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Function URL envelope (payload format 2.0) around every webhook: a base64 body, paths and methods, and the
 * ways a caller proves who it is (bearer token, {@code ?token=}, or AWS_IAM when no token is configured).
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class FunctionUrlTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEARER = "Bearer " + TestConfig.WEBHOOK_TOKEN;

    @BeforeEach
    void freshStatusHubAndStandardConfiguration() {
        Neighbours.resetToDefaults();
    }

    @Test
    void aBase64BodyIsDecodedAndApplied() {
        Answer answer = FunctionUrl.send(Events.functionUrl("POST", "/alertmanager", null, BEARER,
                Events.load("alertmanager/1-firing.json"), true));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.services(0, "result")).containsExactly("created");
        assertThat(Journal.creates()).isEqualTo(1);
    }

    @Test
    void aBodyFlaggedBase64ThatIsNotIsAnswered400() throws Exception {
        ObjectNode request = (ObjectNode) JSON.readTree(Events.functionUrl("POST", "/uptrends", null, BEARER,
                Events.load("uptrends/1-alert.json"), false));
        request.put("isBase64Encoded", true);

        Answer answer = FunctionUrl.send(request.toString());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).contains("base64");
        Journal.assertStatusHubUntouched();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/", "/nagios", "/uptrends/v2", "/Grafana" })
    void anUnknownPathIsAnswered404AndChangesNothing(String path) {
        Answer answer = FunctionUrl.send(Events.functionUrl("POST", path, null, BEARER,
                Events.load("uptrends/1-alert.json"), false));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.headers()).containsEntry("content-type", "application/json");
        assertThat(answer.error()).contains("POST to /uptrends, /alertmanager or /grafana");
        Journal.assertStatusHubUntouched();
    }

    /** The template's outputs end the base URL with '/': a URL pasted as base + "/uptrends" still works. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "//grafana", "//grafana//", "/grafana//" })
    void repeatedSlashesReachTheSameWebhook(String path) {
        Answer answer = FunctionUrl.send(Events.functionUrl("POST", path, null, BEARER,
                Events.load("grafana/1-firing.json"), false));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.alert(0, "source")).isEqualTo("grafana");
    }

    @Test
    void aTrailingSlashReachesTheSameWebhook() {
        Answer answer = FunctionUrl.send(Events.functionUrl("POST", "/grafana/", null, BEARER,
                Events.load("grafana/1-firing.json"), false));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.services(0, "result")).containsExactly("created");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "GET", "PUT", "DELETE", "PATCH" })
    void anyMethodButPostIsAnswered405WithAllowAndChangesNothing(String method) {
        Answer answer = FunctionUrl.send(Events.functionUrl(method, "/uptrends", null, BEARER,
                Events.load("uptrends/1-alert.json"), false));

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.headers()).containsEntry("allow", "POST");
        assertThat(answer.error()).isEqualTo("method " + method + " not allowed; use POST");
        Journal.assertStatusHubUntouched();
    }

    @Test
    void theBearerSchemeIsReadInAnyCase() {
        Answer answer = FunctionUrl.send(Events.functionUrl("POST", "/uptrends", null,
                "bearer " + TestConfig.WEBHOOK_TOKEN, Events.load("uptrends/1-alert.json"), false));

        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void aTokenInTheQueryIsUsedWhenTheAuthorizationHeaderIsNotBearer() {
        Answer answer = FunctionUrl.send(Events.functionUrl("POST", "/alertmanager",
                "token=" + TestConfig.WEBHOOK_TOKEN, "Basic YWxlcnRtYW5hZ2VyOnNlY3JldA==",
                Events.load("alertmanager/1-firing.json"), false));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.services(0, "result")).containsExactly("created");
    }

    @Test
    void aWrongQueryTokenIsRefused() {
        Answer answer = FunctionUrl.send(Events.functionUrl("POST", "/alertmanager", "token=whk-guess", null,
                Events.load("alertmanager/1-firing.json"), false));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body().toString()).doesNotContain("whk-guess").doesNotContain(TestConfig.WEBHOOK_TOKEN);
        Journal.assertStatusHubUntouched();
    }

    @Test
    void anUnauthenticatedCallerLearnsNothingAboutItsBody() {
        Answer answer = FunctionUrl.send(Events.functionUrl("POST", "/uptrends", null, null,
                Events.badInput("uptrends/malformed-json.json"), false));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.error()).doesNotContain("JSON");
    }

    @Test
    void anEmptyBodyIsAnswered400() {
        Answer answer = FunctionUrl.post("/grafana", "");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("bad request body: body: empty; expected a JSON document");
        Journal.assertStatusHubUntouched();
    }

    @Test
    void withNoTokenConfiguredOnlyCallersLambdaAuthenticatedWithIamGetIn() throws Exception {
        ParameterStore.holds(List.of(new ParameterStore.Parameter(ParameterStore.PATH + "secrets", "SecureString",
                "{\"statushub\":{\"apiKey\":\"" + TestConfig.API_KEY + "\"}}"), TestConfig.links()));
        String body = Events.load("uptrends/1-alert.json");

        Answer anonymous = FunctionUrl.send(Events.functionUrl("POST", "/uptrends", null,
                "Bearer anything", body, false));
        assertThat(anonymous.status()).isEqualTo(401);
        Journal.assertStatusHubUntouched();

        ObjectNode signed = (ObjectNode) JSON.readTree(Events.functionUrl("POST", "/uptrends", null, null, body,
                false));
        ((ObjectNode) signed.get("requestContext")).putObject("authorizer").putObject("iam")
                .put("accountId", "111122223333").put("userArn", "arn:aws:iam::111122223333:user/uptrends-relay");
        Answer iam = FunctionUrl.send(signed.toString());
        assertThat(iam.status()).isEqualTo(200);
        assertThat(iam.services(0, "result")).containsExactly("created");
    }

    @Test
    void aBase64BodyIsCheckedDecoded() {
        String body = "{\"alertType\":\"Alert\",\"description\":\"" + "x".repeat(1024 * 1024) + "\"}";

        Answer answer = FunctionUrl.send(Events.functionUrl("POST", "/uptrends", null, BEARER, body, true));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.error())
                .isEqualTo("bad request body: $.description is longer than 65536 bytes; nothing was applied");
        Journal.assertStatusHubUntouched();
    }
}
