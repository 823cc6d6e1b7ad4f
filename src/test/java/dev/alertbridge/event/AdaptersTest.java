package dev.alertbridge.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.alertbridge.alert.Alert;

/**
 * Each source's real sample in, the normalized alert out: what the rest of the bridge decides on. Plain unit
 * tests of the adapters, no Lambda, no StatusHub.
 */
class AdaptersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventRouter router = new EventRouter(1024 * 1024);

    @ParameterizedTest(name = "{0}[{1}]")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            eventbridge/1-alarm.json                  | 0 | cloudwatch   | ServerCpuTooHigh          | arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh         | OPEN      | arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh@2019-10-02T17:04:40.989Z | 2019-10-02T17:04:40.989Z | 1
            eventbridge/2-ok.json                     | 0 | cloudwatch   | ServerCpuTooHigh          | arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh         | CLEAR     | arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh@2019-10-02T17:04:40.989Z | 2019-10-02T17:34:40.989Z | 1
            eventbridge/insufficient-data.json        | 0 | cloudwatch   | ServerCpuTooHigh          | arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh         | NO_CHANGE | -                                                                                         | 2019-10-02T17:10:40.989Z | 1
            eventbridge/composite-alarm-update.json   | 0 | cloudwatch   | checkout-composite        | arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-composite       | OPEN      | arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-composite@2022-07-22T15:57:45.394Z | 2022-07-22T16:12:03.517Z | 1
            eventbridge/level-2-alarm.json            | 0 | cloudwatch   | DiskFull                  | arn:aws:cloudwatch:us-east-1:123456789012:alarm:DiskFull                 | OPEN      | arn:aws:cloudwatch:us-east-1:123456789012:alarm:DiskFull@2019-10-02T17:04:40.989Z         | 2019-10-02T17:04:40.989Z | 2
            sns/2-ok.json                             | 0 | cloudwatch   | EXAMPLE                   | arn:aws:cloudwatch:REGION:ACCOUNT_NUMBER:alarm:EXAMPLE                   | CLEAR     | -                                                                                         | 2015-06-03T18:13:27.123Z | 1
            alarm-action/1-alarm.json                 | 0 | cloudwatch   | lambda-demo-metric-alarm  | arn:aws:cloudwatch:us-east-1:444455556666:alarm:lambda-demo-metric-alarm | OPEN      | arn:aws:cloudwatch:us-east-1:444455556666:alarm:lambda-demo-metric-alarm@2023-08-04T12:36:15.490Z | 2023-08-04T12:36:15.490Z | 1
            lifecycle/instance-dies/3-alarm.json      | 0 | cloudwatch   | EC2 CPU Utilization Anomaly | arn:aws:cloudwatch:us-east-1:123456789012:alarm:EC2 CPU Utilization Anomaly | OPEN  | arn:aws:cloudwatch:us-east-1:123456789012:alarm:EC2 CPU Utilization Anomaly@2024-07-01T08:40:00Z | 2024-07-01T08:40:00Z | 1
            """)
    void anAlarmEvent_becomesTheAlertItStandsFor(String file, int index, String source, String monitor,
            String alertKey, String state, String incidentKey, String at, int level) {
        InboundEvent event = router.route(router.parse(load(file), "event"));
        Alert alert = ((InboundEvent.Alarms) event).alerts().get(index);
        assertAlert(alert, source, monitor, alertKey, state, incidentKey, at, level);
    }

    @ParameterizedTest(name = "{0}[{1}]")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            /uptrends     | uptrends/1-alert.json      | 0 | uptrends     | GalacticResorts.com - DNS | 849b2046-213d-43ad-9efc-5af1faaeb222 | OPEN      | uptrends:ba8ffcb7-5de0-489e-b649-f00f0b447e80-0-30099055746 | 2018-11-08T16:26:58Z | 1
            /uptrends     | uptrends/2-ok.json         | 0 | uptrends     | GalacticResorts.com - DNS | 849b2046-213d-43ad-9efc-5af1faaeb222 | CLEAR     | uptrends:ba8ffcb7-5de0-489e-b649-f00f0b447e80-0-30099055746 | 2018-11-08T16:41:58Z | 1
            /uptrends     | uptrends/reminder.json     | 0 | uptrends     | GalacticResorts.com - DNS | 849b2046-213d-43ad-9efc-5af1faaeb222 | OPEN      | uptrends:ba8ffcb7-5de0-489e-b649-f00f0b447e80-0-30099055746 | 2018-11-08T16:36:58Z | 1
            /alertmanager | alertmanager/3-mixed.json  | 0 | alertmanager | HighErrorRate             | alertmanager:c6eadffa33fcdf37        | CLEAR     | alertmanager:c6eadffa33fcdf37@2025-01-02T05:39:21Z          | 2025-01-02T06:09:21Z | 1
            /alertmanager | alertmanager/3-mixed.json  | 1 | alertmanager | HighErrorRate             | alertmanager:a1b2c3d4e5f60718        | OPEN      | alertmanager:a1b2c3d4e5f60718@2025-01-02T05:41:00Z          | 2025-01-02T05:41:00Z | 1
            /grafana      | grafana/1-firing.json      | 1 | grafana      | High CPU usage            | grafana:bc97ff14869b13e3             | OPEN      | grafana:bc97ff14869b13e3@2021-10-12T07:56:03.157076Z        | 2021-10-12T07:56:03.157076Z | 1
            /grafana      | grafana/2-resolved.json    | 0 | grafana      | High memory usage         | grafana:c6eadffa33fcdf37             | CLEAR     | grafana:c6eadffa33fcdf37@2021-10-12T07:51:03.157076Z        | 2021-10-12T08:21:03.157076Z | 1
            """)
    void aWebhookBody_becomesTheAlertsItCarries(String path, String file, int index, String source, String monitor,
            String alertKey, String state, String incidentKey, String at, int level) throws IOException {
        Adapted adapted = router.webhook(path).orElseThrow().adapt(JSON.readTree(load(file)));
        assertThat(adapted.unusable()).isEmpty();
        assertAlert(adapted.alerts().get(index), source, monitor, alertKey, state, incidentKey, at, level);
    }

    private static void assertAlert(Alert alert, String source, String monitor, String alertKey, String state,
            String incidentKey, String at, int level) {
        assertThat(alert.source().linkName()).isEqualTo(source);
        assertThat(alert.monitor()).isEqualTo(monitor);
        assertThat(alert.alertKey()).isEqualTo(alertKey);
        assertThat(alert.state().name()).isEqualTo(state);
        assertThat(alert.incidentKey()).isEqualTo(incidentKey == null ? "" : incidentKey);
        assertThat(alert.at()).hasToString(at);
        assertThat(alert.escalationLevel()).isEqualTo(level);
        assertThat(alert.monitorIds()).contains(monitor);
    }

    private static String load(String name) {
        try (InputStream in = AdaptersTest.class.getClassLoader().getResourceAsStream("events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalArgumentException("no fixture " + name, e);
        }
    }

    /** One unusable alert of a group is named with its path; the usable ones still come out. */
    @org.junit.jupiter.api.Test
    void adaptEach_aGroupWithOneUnusableAlert_namesItAndKeepsTheOther() throws IOException {
        JsonNode body = JSON.readTree(load("alertmanager/3-mixed.json"));
        ((ObjectNode) body.get("alerts").get(0)).remove("fingerprint");
        Adapted adapted = router.webhook("/alertmanager").orElseThrow().adapt(body);
        assertThat(adapted.unusable()).containsExactly(new Adapted.Unusable("$.alerts[0]",
                "$.alerts[0].fingerprint: missing or empty string"));
        assertThat(adapted.alerts()).extracting(Alert::alertKey).isEqualTo(List.of("alertmanager:a1b2c3d4e5f60718"));
    }

    /**
     * Alarm tag propagation: each envelope's tags are the alert's link tags when its status says SUCCESS (even with
     * no tags at all); otherwise they are unknown, to be read from CloudWatch.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            eventbridge/alarm-with-tags.json | as sent                                   | true  | checkout search
            eventbridge/1-alarm.json         | no tags                                   | false | -
            eventbridge/level-2-alarm.json   | status Present                            | false | -
            alarm-action/1-alarm.json        | alarmData.alarmTags SUCCESS                | true  | payments
            alarm-action/1-alarm.json        | top-level alarmTags SUCCESS                | true  | payments
            alarm-action/1-alarm.json        | alarmData.alarmTagsStatus SUCCESS, no tags | true  | -
            """)
    void anAlarmEvent_carriesItsLinkTagsOnlyWhenItsTagsStatusSaysSuccess(String file, String variant, boolean known,
            String services) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(load(file));
        switch (variant) {
            case "alarmData.alarmTags SUCCESS" -> ((ObjectNode) event.get("alarmData"))
                    .put("alarmTagsStatus", "SUCCESS").putObject("alarmTags").put("statushub:services", "payments");
            case "top-level alarmTags SUCCESS" -> event.put("alarmTagsStatus", "SUCCESS").putObject("alarmTags")
                    .put("statushub:services", "payments");
            case "alarmData.alarmTagsStatus SUCCESS, no tags" -> ((ObjectNode) event.get("alarmData"))
                    .put("alarmTagsStatus", "SUCCESS");
            default -> {
                // the fixture as it is
            }
        }
        Alert alert = ((InboundEvent.Alarms) router.route(event)).alerts().get(0);

        assertThat(alert.linkTags().known()).isEqualTo(known);
        assertThat(alert.linkTags().services()).isEqualTo(services);
    }
}
