package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.ParameterStore.Parameter;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The configuration comes from Parameter Store, merged across parameters, and is refused whole when invalid. */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class ConfigurationFromParameterStoreTest {

    @BeforeEach
    void fresh() {
        Neighbours.resetToDefaults();
    }

    @Test
    void theReadAsksForThePathRecursivelyWithDecryption() {
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200);
        Neighbours.wireMock().verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParametersByPath"))
                .withRequestBody(equalToJson("""
                        {"Path": "/statushub-bridge/", "Recursive": true, "WithDecryption": true}
                        """, true, true)));
    }

    @Test
    void documentsSpreadOverTwoPagesAreMerged() {
        ParameterStore.holdsInTwoPages(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN)),
                List.of(TestConfig.links()));
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created", "created")));
        Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing("page-2-token")));
    }

    @Test
    void aLinkToAnUndefinedServiceIsRefusedWithParameterAndPath() {
        invalid("""
                {"services": {"checkout": {"serviceId": 101}},
                 "links": [{"monitor": "ServerCpuTooHigh", "services": ["checkout", "paymnets"]}]}
                """, "$.links[0].services[1]", "links to undefined service 'paymnets'");
    }

    /** A links array for the EventBridge rule, put under the configuration path by mistake. */
    @Test
    void aLinksArrayUnderThePathIsRefusedSayingWhereItBelongs() {
        invalid("""
                [{"monitor": "ServerCpuTooHigh", "services": ["checkout"]}]
                """, "$", "must live outside the path");
    }

    @Test
    void anUnknownFieldIsRefused() {
        invalid("""
                {"services": {"checkout": {"serviceId": 101}},
                 "links": [{"monitor": "ServerCpuTooHigh", "escalationLevl": 2, "services": ["checkout"]}]}
                """, "$.links[0].escalationLevl", "unknown field");
    }

    @Test
    void aServiceWithBothServiceIdAndHookUrlIsRefused() {
        invalid("""
                {"services": {"checkout": {"serviceId": 101, "hookUrl": "https://hooks.statushub.io/hooks/x?token=t"}},
                 "links": []}
                """, "$.services.checkout", "exactly one of serviceId or hookUrl");
    }

    @Test
    void aServiceWithNeitherServiceIdNorHookUrlIsRefused() {
        invalid("""
                {"services": {"checkout": {"name": "Checkout"}}, "links": []}
                """, "$.services.checkout", "exactly one of serviceId or hookUrl");
    }

    @Test
    void aBadUrlIsRefusedWithoutQuotingIt() {
        invalid("""
                {"services": {"widget": {"hookUrl": "hooks.statushub.io/hooks/generic?token=secret-in-a-bad-url"}},
                 "links": []}
                """, "$.services.widget.hookUrl", "must be an absolute https:// URL");
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(500)
                .body("errorMessage", not(containsString("secret-in-a-bad-url")));
    }

    @Test
    void aServiceDefinedInTwoParametersIsRefused() {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                TestConfig.links(), new Parameter(ParameterStore.PATH + "more", "String", """
                        {"services": {"checkout": {"serviceId": 999}}}
                        """)));
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(500)
                .body("errorMessage", allOf(containsString("/statushub-bridge/more"),
                        containsString("$.services.checkout"), containsString("already defined in")));
        Journal.assertNoWrites();
    }

    @Test
    void invalidJsonIsRefusedWithItsPosition() {
        invalid("{\"services\": {\"checkout\": {\"serviceId\": 101}", "$", "is not valid JSON (line 1");
    }

    @Test
    void noParametersUnderThePathIsAClearError() {
        ParameterStore.holds(List.of());
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(500)
                .body("errorMessage", containsString("no parameters found under this Parameter Store path"));
    }

    /** Replaces the links document with {@code document}; the invocation fails naming it, and nothing is written. */
    private static void invalid(String document, String jsonPath, String reason) {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", document)));
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(500)
                .body("errorMessage", allOf(containsString("invalid configuration in /statushub-bridge/links"),
                        containsString("at " + jsonPath), containsString(reason)));
        Journal.assertNoWrites();
    }
}
