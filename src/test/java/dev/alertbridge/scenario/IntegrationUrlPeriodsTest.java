package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.alertbridge.handler.ExecutionEnvironment;
import dev.alertbridge.support.Events;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.MovableClock;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.ParameterStore.Parameter;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An integration URL cannot be read, so it hears one incident per ALARM period, under one id: the alarm
 * {@code Widget-…} is linked to the {@code widget} service's integration URL (and to {@code checkout} through the
 * Management API). Each test opens in this environment and clears in a new one, which remembers nothing it posted:
 * what names the hook's incident there is the alarm's own history.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class IntegrationUrlPeriodsTest {
    private static final DateTimeFormatter CLOUDWATCH = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger ALARMS = new AtomicInteger();
    private static final String RECONCILE = "{\"bridge\": \"reconcile\"}";

    private String alarm;

    @BeforeEach
    void aWidgetAlarmOfItsOwn() {
        Neighbours.resetToDefaults();
        links("");
        alarm = "Widget-" + ALARMS.incrementAndGet();
    }

    private static void links(String onLink) {
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"},
                         "services": {"checkout": {"name": "Checkout", "serviceId": 101},
                                      "widget": {"name": "Widget", "hookUrl": "%s"}},
                         "links": [{"monitor": "widget-*", "services": ["widget", "checkout"] %s}],
                         "reconcile": {"mode": "repair"}}
                        """.formatted(Neighbours.baseUrl(), TestConfig.hookUrl(), onLink))));
    }

    private static Instant minutesAgo(long minutes) {
        return MovableClock.now().minus(Duration.ofMinutes(minutes)).truncatedTo(ChronoUnit.SECONDS)
                .plusMillis(389);
    }

    /** The alarm's EventBridge state change, with its previous state. */
    private String change(String state, Instant at, String previous, Instant previousAt) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(Events.load("eventbridge/widget-1-alarm.json")
                    .replace("WidgetLatency", alarm));
            ObjectNode detail = (ObjectNode) event.get("detail");
            ((ObjectNode) detail.get("state")).put("value", state).put("timestamp", CLOUDWATCH.format(at));
            ((ObjectNode) detail.get("previousState")).put("value", previous)
                    .put("timestamp", CLOUDWATCH.format(previousAt));
            event.put("time", at.truncatedTo(ChronoUnit.SECONDS).toString());
            return event.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The history records a change a few milliseconds after the state's own timestamp. */
    private void recorded(Instant at, String from, String to) {
        Neighbours.cloudWatch().stateChange(alarm, at.plusMillis(23), from, to);
    }

    private static Map<String, List<JsonNode>> hook() {
        return Neighbours.statusHub().hookPosts();
    }

    private static List<String> states(List<JsonNode> posts) {
        return posts.stream().map(p -> p.get("state").asText()).toList();
    }

    @Test
    void aCompositeAlarmsUpdatesPostNothingAndItsOkClearsTheIncidentItsOpenPosted() {
        Instant began = minutesAgo(40);
        Instant update1 = minutesAgo(30);
        Instant update2 = minutesAgo(20);
        Instant ok = minutesAgo(10);
        recorded(began, "OK", "ALARM");
        recorded(update1, "ALARM", "ALARM");
        recorded(update2, "ALARM", "ALARM");
        recorded(ok, "ALARM", "OK");

        Lambda.invoke(change("ALARM", began, "OK", began.minusSeconds(3600))).statusCode(200)
                .body("alerts[0].services.result", is(List.of("created", "created")));
        Lambda.invoke(change("ALARM", update1, "ALARM", began)).statusCode(200)
                .body("alerts[0].services.result", is(List.of("unchanged", "unchanged")));
        ExecutionEnvironment.Answer update = ExecutionEnvironment.another().invoke(change("ALARM", update2, "ALARM", update1));
        assertThat(update.body()).contains("one incident per ALARM period").doesNotContain("\"created\"");

        ExecutionEnvironment.Answer clear = ExecutionEnvironment.another().invoke(change("OK", ok, "ALARM", update2));

        assertThat(clear.failed()).isFalse();
        assertThat(clear.body()).contains("\"result\":\"updated\"");
        assertThat(hook().values()).singleElement().satisfies(posts -> assertThat(states(posts))
                .containsExactly("investigating", "monitoring"));
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("up");
    }

    @Test
    void anAlarmBackFromInsufficientDataContinuesItsPeriodOnTheHookAndItsOkClearsItThere() {
        Instant began = minutesAgo(40);
        Instant noData = minutesAgo(30);
        Instant again = minutesAgo(25);
        Instant ok = minutesAgo(10);
        recorded(began, "OK", "ALARM");
        recorded(noData, "ALARM", "INSUFFICIENT_DATA");
        recorded(again, "INSUFFICIENT_DATA", "ALARM");
        recorded(ok, "ALARM", "OK");

        Lambda.invoke(change("ALARM", began, "OK", began.minusSeconds(3600))).statusCode(200);
        ExecutionEnvironment.Answer back = ExecutionEnvironment.another()
                .invoke(change("ALARM", again, "INSUFFICIENT_DATA", noData));
        assertThat(back.body()).contains("the same error").doesNotContain("\"created\"");

        assertThat(ExecutionEnvironment.another().invoke(change("OK", ok, "ALARM", again)).failed()).isFalse();
        assertThat(hook().values()).singleElement().satisfies(posts -> assertThat(states(posts))
                .containsExactly("investigating", "monitoring"));
    }

    @Test
    void aBlipShorterThanItsHoldPostsNothingAtItsOk() {
        links(", \"holdDown\": \"5m\"");
        Instant began = minutesAgo(3);
        Instant ok = minutesAgo(1);
        recorded(began, "OK", "ALARM");

        Lambda.invoke(change("ALARM", began, "OK", began.minusSeconds(3600))).statusCode(200)
                .body("alerts[0].services.result", is(List.of("skipped", "skipped")));
        ExecutionEnvironment.Answer clear = ExecutionEnvironment.another().invoke(change("OK", ok, "ALARM", began));

        assertThat(clear.body()).contains("less than its holdDown");
        assertThat(hook()).isEmpty();
        assertThat(Neighbours.statusHub().incidents()).isEmpty();
    }

    @Test
    void aMutedAlarmsOkPostsNothingToTheHook() {
        Instant began = minutesAgo(40);
        Instant ok = minutesAgo(10);
        String muted = Events.load("eventbridge/muted-ok.json").replace("ServerCpuTooHigh", alarm)
                .replace("2019-10-02T17:00:00.000+0000", CLOUDWATCH.format(began.minusSeconds(60)))
                .replace("2019-10-02T19:00:00.000+0000", CLOUDWATCH.format(ok.plusSeconds(3600)))
                .replace("2019-10-02T17:04:40.989+0000", CLOUDWATCH.format(began))
                .replace("2019-10-02T17:34:40.989+0000", CLOUDWATCH.format(ok));
        recorded(began, "OK", "ALARM");

        ExecutionEnvironment.Answer clear = ExecutionEnvironment.another().invoke(muted);

        assertThat(clear.failed()).isFalse();
        assertThat(clear.body()).contains("muted or its actions suppressed");
        assertThat(hook()).isEmpty();
    }

    @Test
    void withoutItsHistoryAnOkIsPostedToTheIdItsOwnTimesGiveAndTheReportSaysWhy() {
        Instant began = minutesAgo(40);
        Instant ok = minutesAgo(10);

        Lambda.invoke(change("ALARM", began, "OK", began.minusSeconds(3600))).statusCode(200);
        ExecutionEnvironment.Answer clear = ExecutionEnvironment.another().invoke(change("OK", ok, "ALARM", began));

        assertThat(clear.body()).contains("does not show when its period began");
        assertThat(hook().values()).singleElement().satisfies(posts -> assertThat(states(posts))
                .containsExactly("investigating", "monitoring"));
    }

    /**
     * An ALARM period whose hold ended before the previous run (5 minutes by default, plus a minute) was posted to
     * the integration URL by its event or by that run, and a person may have resolved it since: a run posts only
     * a period whose hold ended after that. The Management API service gets both, as its incidents can be read.
     */
    @Test
    void aRunPostsToTheHookOnlyAPeriodWhoseHoldEndedSinceThePreviousRun() {
        Instant old = minutesAgo(20);
        Instant recent = minutesAgo(2);
        Neighbours.cloudWatch().alarm("widget-old-" + alarm, "ALARM", old);
        Neighbours.cloudWatch().alarm("widget-new-" + alarm, "ALARM", recent);

        Lambda.invoke(RECONCILE).statusCode(200).body("checked", is(2));

        assertThat(Neighbours.statusHub().incidents()).extracting(i -> i.get("start_time").asText())
                .containsExactlyInAnyOrder(seconds(old), seconds(recent));
        assertThat(hook().values()).as("the new period's open only").singleElement()
                .satisfies(posts -> assertThat(posts).extracting(p -> p.path("start_time").asText())
                        .containsExactly(seconds(recent)));
    }

    @Test
    void aRunPostsAHeldPeriodToTheHookOnceItsHoldEnded() {
        links(", \"holdDown\": \"5m\"");
        Instant began = minutesAgo(0);
        Neighbours.cloudWatch().alarm(alarm, "ALARM", began);

        Lambda.invoke(change("ALARM", began, "OK", began.minusSeconds(3600))).statusCode(200)
                .body("alerts[0].services.result", is(List.of("skipped", "skipped")));
        MovableClock.advance(Duration.ofMinutes(8));
        Lambda.invoke(RECONCILE).statusCode(200).body("found.service", is(List.of("widget", "checkout")));

        assertThat(hook().values()).singleElement().satisfies(posts -> assertThat(states(posts))
                .containsExactly("investigating"));
        assertThat(Neighbours.statusHub().pageStatus(101)).isEqualTo("down");
    }

    private static String seconds(Instant time) {
        return time.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
