package dev.alertbridge.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.FunctionUrl;
import dev.alertbridge.support.Lambda;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.Report;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every source, with its real sample events: the open makes one incident per linked service (investigating, the
 * service down), the clear moves those same incidents to monitoring with the service up, as of the clear's own time.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class EverySourceOpensThenClearsTest {

    /**
     * @param cleared per StatusHub service id: the alert's name (for reading; the clear sends no title) and its start_time
     */
    record Source(String name, Function<String, Report> deliver, String open, String clear,
            Map<Long, String[]> cleared) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Source> sources() {
        Function<String, Report> alarm = file -> Report.of(Lambda.invoke(Events.load(file)).statusCode(200)
                .extract().asString());
        return Stream.of(
                new Source("CloudWatch via EventBridge", alarm, "eventbridge/1-alarm.json", "eventbridge/2-ok.json",
                        cleared(101, "ServerCpuTooHigh", "2019-10-02T17:34:40Z", 102, "ServerCpuTooHigh",
                                "2019-10-02T17:34:40Z")),
                new Source("CloudWatch via SNS", alarm, "sns/1-alarm.json", "sns/2-ok.json",
                        cleared(102, "EXAMPLE", "2015-06-03T18:13:27Z")),
                new Source("CloudWatch alarm action", alarm, "alarm-action/1-alarm.json", "alarm-action/2-ok.json",
                        cleared(103, "lambda-demo-metric-alarm", "2023-08-04T12:56:15Z")),
                new Source("Uptrends", webhook("/uptrends"), "uptrends/1-alert.json", "uptrends/2-ok.json",
                        cleared(102, "GalacticResorts.com - DNS", "2018-11-08T16:41:58Z")),
                new Source("Alertmanager", webhook("/alertmanager"), "alertmanager/1-firing.json",
                        "alertmanager/2-resolved.json",
                        cleared(101, "HighErrorRate", "2025-01-02T06:09:21Z")),
                new Source("Grafana", webhook("/grafana"), "grafana/1-firing.json", "grafana/2-resolved.json",
                        cleared(101, "High memory usage", "2021-10-12T08:21:03Z", 102, "High CPU usage",
                                "2021-10-12T08:26:03Z")));
    }

    private static Function<String, Report> webhook(String path) {
        return file -> {
            FunctionUrl.Answer answer = FunctionUrl.post(path, Events.load(file));
            assertThat(answer.status()).isEqualTo(200);
            return answer.report();
        };
    }

    private static Map<Long, String[]> cleared(Object... serviceTitleTime) {
        Map<Long, String[]> cleared = new LinkedHashMap<>();
        for (int i = 0; i < serviceTitleTime.length; i += 3) {
            cleared.put(((Integer) serviceTitleTime[i]).longValue(),
                    new String[] { (String) serviceTitleTime[i + 1], (String) serviceTitleTime[i + 2] });
        }
        return cleared;
    }

    @BeforeEach
    void freshStatusHubAndStandardConfiguration() {
        Neighbours.resetToDefaults();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void theOpenMakesOneIncidentPerLinkedServiceAndTheClearEndsThoseSame(Source source) {
        Report opened = source.deliver().apply(source.open());
        assertThat(opened.alert(0, "state")).isEqualTo("open");
        Map<Long, String> incidentOf = new LinkedHashMap<>();
        for (JsonNode incident : Neighbours.statusHub().incidents()) {
            JsonNode first = incident.get("incident_updates").get(0);
            assertThat(first.get("incident_type").asText()).isEqualTo("investigating");
            long service = first.at("/service_statuses/0/service_id").asLong();
            assertThat(first.at("/service_statuses/0/status").asText()).isEqualTo("down");
            assertThat(incidentOf.put(service, incident.get("id").asText())).as("one incident per service").isNull();
        }
        assertThat(incidentOf.keySet()).containsExactlyInAnyOrderElementsOf(source.cleared().keySet());

        Report clear = source.deliver().apply(source.clear());

        assertThat(clear.alert(0, "state")).isEqualTo("clear");
        assertThat(clear.allServices("result")).containsOnly("updated").hasSize(incidentOf.size());
        List<String> updated = new ArrayList<>(clear.allServices("incidentId"));
        assertThat(updated).containsExactlyInAnyOrderElementsOf(incidentOf.values());
        source.cleared().forEach((service, titleAndTime) -> {
            // A clear never re-sends the title: the opening's (or a person's retitle) stands.
            Neighbours.wireMock().verify(1, postRequestedFor(urlEqualTo("/api/v3/hubs/acme/incidents/"
                    + incidentOf.get(service) + "/incident_updates"))
                    .withHeader("X-API-KEY", equalTo(TestConfig.API_KEY))
                    .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("\"title\""))
                    .withRequestBody(equalToJson("{\"start_time\": \"" + titleAndTime[1] + "\", "
                            + "\"incident_type\": \"monitoring\", \"service_statuses\": [{\"service_id\": " + service
                            + ", \"status\": \"up\"}]}", true, true)));
            assertThat(Neighbours.statusHub().pageStatus(service)).isEqualTo("up");
        });
        assertThat(Neighbours.statusHub().incidents()).hasSize(incidentOf.size());
    }
}
