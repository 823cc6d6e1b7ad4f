package dev.alertbridge.scenario;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A fresh execution environment whose first read of Parameter Store is throttled has no configuration to fall back
 * on: the invocation fails so Lambda retries it. Its own profile, so no earlier scenario left a configuration in
 * this environment's cache.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
@TestProfile(ColdStartConfigurationTest.FreshEnvironment.class)
class ColdStartConfigurationTest {

    public static class FreshEnvironment implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bridge.metrics-stack", "fresh-environment");
        }
    }

    @BeforeEach
    void fresh() {
        Neighbours.resetToDefaults();
    }

    @Test
    void parameterStoreThrottledAtColdStartFailsTheInvocationSoItIsRetried() {
        ParameterStore.fails(400, "ThrottlingException");
        Lambda.invoke(Events.load("eventbridge/1-alarm.json")).statusCode(500)
                .body("errorMessage", allOf(containsString("could not read Parameter Store path /statushub-bridge/"),
                        containsString("Rate exceeded")));
        Journal.assertNoWrites();
    }
}
