package dev.alertbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.LinkTags;
import dev.alertbridge.alert.ServiceStatus;

class TagLinkTest {
    private static final Instant AT = Instant.parse("2025-01-02T05:39:21Z");
    private static final BridgeConfig CONFIG = new ConfigParser(new ObjectMapper()).parse(List.of(new ConfigDocument(
            "/p/links", """
                    {"services": {"checkout": {"hookUrl": "https://hooks.statushub.io/hooks/x?token=t"},
                                  "search": {"hookUrl": "https://hooks.statushub.io/hooks/y?token=t"}},
                     "links": [{"monitor": "checkout-*", "services": ["checkout"]}],
                     "tagLinks": true}
                    """)));

    private static Alert alarm(String name) {
        return Alert.of(AlertSource.CLOUDWATCH, "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + name)
                .knownAs(List.of(name, "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + name)).opens("e", AT)
                .at(AT);
    }

    private static TagLink declared(Alert alert, Map<String, String> tags) {
        return TagLink.declared(alert, LinkTags.of(alert.source(), tags), CONFIG);
    }

    @Test
    void declared_keysSeparatedBySpacesPlusOrCommas_linkEachConfiguredServiceOnce() {
        TagLink tag = declared(alarm("api * 5xx"), Map.of("statushub:services", " checkout+search,checkout  "));

        assertThat(tag.skipped()).isEmpty();
        assertThat(tag.link()).hasValueSatisfying(link -> {
            assertThat(link.services()).containsExactly("checkout", "search");
            assertThat(link.escalationLevel()).isNull();
            assertThat(link.matches(alarm("api * 5xx"))).isTrue();
        });
    }

    @Test
    void declared_anUndeclaredKeyAndBadValues_areSkippedAndNamedTheRestApplies() {
        TagLink tag = declared(alarm("api"), Map.of("statushub:services", "billing search",
                "statushub:status", "degraded", "statushub:group", "Payments"));

        assertThat(tag.link()).hasValueSatisfying(link -> {
            assertThat(link.services()).containsExactly("search");
            assertThat(link.status()).isEqualTo(ServiceStatus.DOWN);
            assertThat(link.policy().group()).isNull();
        });
        assertThat(tag.skipped()).extracting(TagLink.Skipped::service).containsExactly("billing", null, null);
        assertThat(tag.skipped()).extracting(TagLink.Skipped::why).satisfiesExactly(
                why -> assertThat(why).startsWith("statushub:services names 'billing'"),
                why -> assertThat(why).startsWith("statushub:status 'degraded' is not down or degraded-performance"),
                why -> assertThat(why).startsWith("statushub:group 'Payments' is not"));
    }

    @Test
    void declared_labelsOfAnAlertmanagerAlert_useTheirUnderscoreNamesAndSayStatusAndGroup() {
        Alert alert = Alert.of(AlertSource.ALERTMANAGER, "alertmanager:f1").knownAs(List.of("HighErrorRate"))
                .opens("e", AT).at(AT);

        TagLink tag = declared(alert, Map.of("statushub_services", "search", "statushub_status",
                "degraded-performance", "statushub_group", "payments"));

        assertThat(tag.link()).hasValueSatisfying(link -> {
            assertThat(link.source()).isEqualTo(AlertSource.ALERTMANAGER);
            assertThat(link.status()).isEqualTo(ServiceStatus.DEGRADED_PERFORMANCE);
            assertThat(link.policy().group()).isEqualTo(new Group.Named("payments"));
        });
    }

    @Test
    void declared_statusWithoutServices_linksNothingAndSaysSo() {
        TagLink tag = declared(alarm("api"), Map.of("statushub:status", "down"));

        assertThat(tag.link()).isEmpty();
        assertThat(tag.skipped()).singleElement().satisfies(s -> assertThat(s.why()).startsWith(
                "no statushub:services"));
        assertThat(declared(alarm("api"), Map.of("team", "payments"))).isEqualTo(TagLink.NONE);
    }

    @Test
    void servicesFor_aTagLinkBesideAConfiguredOne_comesAfterItInPrecedence() {
        Alert alert = alarm("checkout-5xx");
        AlertLinks links = AlertLinks.of(CONFIG.links()).with(alert, declared(alert, Map.of(
                "statushub:services", "checkout search", "statushub:status", "degraded-performance")));

        assertThat(CONFIG.servicesFor(alert, links)).extracting(LinkedService::id, LinkedService::status)
                .containsExactly(tuple("checkout", ServiceStatus.DOWN),
                        tuple("search", ServiceStatus.DEGRADED_PERFORMANCE));
        assertThat(CONFIG.servicesFor(alarm("checkout-other"), links)).extracting(LinkedService::id)
                .containsExactly("checkout");
    }

    /** The documented SAM snippet, read where it lives: its alarm's tags link it, and propagation carries them. */
    @Test
    void declared_theDocumentedAlarmSnippet_linksItsAlarmAndPropagatesItsLinkTags() throws Exception {
        String docs = Files.readString(Path.of("docs/configuration.md"));
        int start = docs.indexOf("CheckoutErrorsAlarm:\n");
        assertThat(start).as("docs/configuration.md declares CheckoutErrorsAlarm").isPositive();
        JsonNode alarm = new YAMLMapper().readTree(docs.substring(start, docs.indexOf("```", start)))
                .path("CheckoutErrorsAlarm").path("Properties");
        Map<String, String> tags = new HashMap<>();
        alarm.path("Tags").forEach(tag -> tags.put(tag.path("Key").asText(), tag.path("Value").asText()));
        List<String> propagated = new ArrayList<>();
        alarm.path("ActionConfiguration").path("AlarmTagsPropagation").path("IncludedTagKeys")
                .forEach(key -> propagated.add(key.asText()));

        TagLink tag = declared(alarm(alarm.path("AlarmName").asText()), tags);

        assertThat(tag.skipped()).isEmpty();
        assertThat(tag.link()).hasValueSatisfying(link -> {
            assertThat(link.services()).containsExactly("checkout", "search");
            assertThat(link.status()).isEqualTo(ServiceStatus.DOWN);
            assertThat(link.policy().group()).isEqualTo(new Group.Named("payments"));
        });
        assertThat(alarm.path("ActionConfiguration").path("AlarmTagsPropagation").path("Enabled").asBoolean())
                .isTrue();
        assertThat(propagated).containsAll(tags.keySet());
    }
}
