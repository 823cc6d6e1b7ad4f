package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.MovableClock;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.ParameterStore.Parameter;
import dev.alertbridge.support.Report;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * An alarm whose events do not carry its tags (tag propagation off) has them read with ListTagsForResource, and kept
 * for the configuration's TTL (60 s here): its OK a few minutes later reads them again only once the TTL has passed,
 * and its clear reaches the services its tags name.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
@TestProfile(ConfigurationCacheTest.SixtySecondTtl.class)
class AlarmTagsReadOnceTest {
    private static final String CPU = "ServerCpuTooHigh";

    @BeforeEach
    void theAlarmIsTaggedForSearchAndNoLinkNamesIt() {
        Neighbours.resetToDefaults();
        MovableClock.advance(Duration.ofHours(1)); // past any TTL of an earlier test
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {
                          "statushub": { "apiUrl": "%s/api/v3", "hub": "acme" },
                          "services": { "search": { "name": "Search", "serviceId": 102 } },
                          "tagLinks": true
                        }
                        """.formatted(Neighbours.baseUrl()))));
        Neighbours.cloudWatch().taggedAlarm(CPU, "ALARM", Instant.parse("2019-10-02T17:04:40.989Z"),
                Map.of("statushub:services", "search"));
    }

    private static Report invoke(String event) {
        return Report.of(Lambda.invoke(event).statusCode(200).extract().asString());
    }

    @Test
    void theAlarmsTagsAreReadOnceAndItsSecondEventWithinTheTtlReadsNothing() {
        Report alarm = invoke(Events.load("eventbridge/1-alarm.json"));
        Report again = invoke(Events.load("eventbridge/3-alarm-again.json"));

        assertThat(alarm.services(0, "result")).containsExactly("created");
        assertThat(again.services(0, "service")).containsExactly("search");
        assertThat(Neighbours.cloudWatch().tagCalls()).isEqualTo(1);
        assertThat(Neighbours.statusHub().pageStatus(102)).isEqualTo("down");
    }

    @Test
    void pastTheTtlTheTagsAreReadAgainAndTheClearReachesTheTaggedService() {
        invoke(Events.load("eventbridge/1-alarm.json"));
        MovableClock.advance(Duration.ofSeconds(61));
        Neighbours.cloudWatch().taggedAlarm(CPU, "OK", Instant.parse("2019-10-02T17:34:40.989Z"),
                Map.of("statushub:services", "search"));

        Report ok = invoke(Events.load("eventbridge/2-ok.json"));

        assertThat(ok.services(0, "service")).containsExactly("search");
        assertThat(Neighbours.cloudWatch().tagCalls()).isEqualTo(2);
        assertThat(Neighbours.statusHub().pageStatus(102)).isEqualTo("up");
    }
}
