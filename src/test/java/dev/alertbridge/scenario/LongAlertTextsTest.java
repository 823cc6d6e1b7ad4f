package dev.alertbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.alertbridge.support.Events;
import dev.alertbridge.support.FunctionUrl;
import dev.alertbridge.support.FunctionUrl.Answer;
import dev.alertbridge.support.Journal;
import dev.alertbridge.support.Neighbours;
import dev.alertbridge.support.ParameterStore;
import dev.alertbridge.support.ParameterStore.Parameter;
import dev.alertbridge.support.TestConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A runbook pasted into an annotation or a description: any text up to the design's 64 KiB bound on one string is
 * applied, and the page gets what the team's templates ask for, shortened to what reads well (a title of 255
 * characters, an update of 4,000 and its reference line). One string over the bound refuses the whole body (413,
 * naming its JSON path) and nothing reaches StatusHub.
 */
@QuarkusTest
@QuarkusTestResource(Neighbours.class)
class LongAlertTextsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUNBOOK_LINE = "Disk /var on node-7 at 97 %: rotate the logs, then page the owner. ";

    @BeforeEach
    void checkoutPublishesTheAlertsOwnWords() {
        Neighbours.resetToDefaults();
        ParameterStore.holds(List.of(TestConfig.secrets(TestConfig.API_KEY, TestConfig.WEBHOOK_TOKEN),
                new Parameter(ParameterStore.PATH + "links", "String", """
                        {"statushub": {"apiUrl": "%s/api/v3", "hub": "acme"},
                         "services": {"checkout": {"name": "Checkout", "serviceId": 101,
                                      "publish": {"title": "{service}: {alert} – {description}", "open": "{description}"}}},
                         "links": [{"monitor": "HighErrorRate", "source": "alertmanager", "services": ["checkout"]},
                                   {"monitor": "High memory usage", "source": "grafana", "services": ["checkout"]},
                                   {"monitor": "849b2046-213d-43ad-9efc-5af1faaeb222", "source": "uptrends",
                                    "services": ["checkout"]}]}
                        """.formatted(Neighbours.baseUrl()))));
    }

    @ParameterizedTest(name = "{0}: {1} KiB")
    @CsvSource(delimiter = '|', textBlock = """
            alertmanager | 20
            alertmanager | 63
            grafana      | 20
            grafana      | 63
            uptrends     | 20
            uptrends     | 63
            """)
    void aLongAnnotationOrDescriptionUnderTheBoundIsAppliedAndThePageGetsWhatTheTemplateAsksShortened(String source,
            int kib) throws Exception {
        String text = text(kib * 1024);

        Answer answer = FunctionUrl.post("/" + source, withTexts(source, text));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.services(0, "service")).containsExactly("checkout");
        assertThat(answer.services(0, "result")).containsExactly("created");
        JsonNode incident = Neighbours.statusHub().incidents().get(0);
        String title = incident.get("title").asText();
        assertThat(title.codePointCount(0, title.length())).isLessThanOrEqualTo(255);
        String alert = switch (source) {
            case "uptrends" -> "GalacticResorts.com - DNS";
            case "grafana" -> "High memory usage";
            default -> "HighErrorRate";
        };
        assertThat(title).startsWith("Checkout: " + alert + " – " + text.substring(0, 100)).endsWith("…");
        String body = incident.at("/incident_updates/0/body").asText();
        String words = body.substring(0, body.indexOf("\n\nRef. "));
        assertThat(words).startsWith(text.substring(0, 200)).endsWith("…");
        assertThat(words.codePointCount(0, words.length())).isEqualTo(4000);
        assertThat(body.substring(words.length())).matches("\n\nRef\\. [0-9A-F]{4}-[0-9A-F]{4} sb3 [a-z0-9.\\-]+");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            alertmanager | $.alerts[0].annotations.description
            grafana      | $.alerts[0].annotations.description
            uptrends     | $.description
            """)
    void aDescriptionOverTheBoundIsAnswered413NamingItsPathAndNothingIsWritten(String source, String path)
            throws Exception {
        Answer answer = FunctionUrl.post("/" + source, withTexts(source, text(65 * 1024)));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.error())
                .isEqualTo("bad request body: " + path + " is longer than 65536 bytes; nothing was applied");
        Journal.assertStatusHubUntouched();
    }

    /** The source's sample with its first alert's description (and summary, where there is one) set to this text. */
    private static String withTexts(String source, String text) throws Exception {
        if (source.equals("uptrends")) {
            ObjectNode alert = (ObjectNode) JSON.readTree(Events.load("uptrends/1-alert.json"));
            return alert.put("description", text).toString();
        }
        ObjectNode notification = (ObjectNode) JSON.readTree(Events.load(source + "/1-firing.json"));
        ((ObjectNode) notification.at("/alerts/0")).putObject("annotations").put("summary", text.substring(0,
                Math.min(text.length(), 60 * 1024))).put("description", text);
        return notification.toString();
    }

    /** Runbook text of exactly this many bytes in UTF-8, with a few two-byte characters among them. */
    private static String text(int bytes) {
        StringBuilder text = new StringBuilder("Überlauf: ");
        while (text.toString().getBytes(StandardCharsets.UTF_8).length + RUNBOOK_LINE.length() <= bytes) {
            text.append(RUNBOOK_LINE);
        }
        while (text.toString().getBytes(StandardCharsets.UTF_8).length < bytes) {
            text.append('.');
        }
        return text.toString();
    }
}
