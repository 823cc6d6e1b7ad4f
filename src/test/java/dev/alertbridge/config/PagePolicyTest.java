package dev.alertbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;

/**
 * The page policy an alert meets on a service, as the configuration's documents say it: each field set on the whole
 * configuration, the service or the link, the most specific winning field by field (each {@code publish} field on its
 * own), the defaults where nothing says; several links on one service as "Several links, one service" says.
 */
class PagePolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConfigParser parser = new ConfigParser(JSON);

    /**
     * {@code -}: nothing said there. Links: each link's own settings, {@code ;} between links, {@code *} for a link
     * that says nothing; every link is {@code checkout-*} to checkout. The configuration's links come first, then
     * those embedded in the event. The alert is the CloudWatch alarm {@code checkout-5xx}.
     */
    @ParameterizedTest(name = "{4} = {5} when configuration [{0}] service [{1}] links [{2}] embedded [{3}]")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            -                     | -                     | *                                          | -  | holdDown     | 0s
            -                     | -                     | *                                          | -  | reopenWithin | 0s
            -                     | -                     | *                                          | -  | maintenance  | skip
            -                     | -                     | *                                          | -  | group        | off
            -                     | -                     | *                                          | -  | publish      | en UTC iso all title=- open=-
            "holdDown": "5m"      | -                     | *                                          | -  | holdDown     | 300s
            "holdDown": "5m"      | "holdDown": "2m"      | *                                          | -  | holdDown     | 120s
            "holdDown": "5m"      | "holdDown": "2m"      | "holdDown": "0s"                           | -  | holdDown     | 0s
            -                     | "reopenWithin": "30m" | *                                          | -  | reopenWithin | 1800s
            "reopenWithin": "1h"  | -                     | "reopenWithin": "10m"                      | -  | reopenWithin | 600s
            "maintenance": "post" | -                     | *                                          | -  | maintenance  | post
            "maintenance": "post" | "maintenance": "skip" | *                                          | -  | maintenance  | skip
            -                     | -                     | "maintenance": "post"                      | -  | maintenance  | post
            "group": "service"    | -                     | *                                          | -  | group        | service
            "group": "service"    | "group": "alert"      | "group": "payments"                        | -  | group        | payments
            "publish": {"language": "fr", "title": "C", "open": "C"} | "publish": {"timeZone": "Europe/Paris", "title": "S"} | "publish": {"notify": "open"} | - | publish | fr Europe/Paris iso open title=S open=C
            "publish": {"dates": "long", "open": "C"} | -     | "publish": {"language": "de-CH", "open": "L"} | - | publish    | de UTC long all title=- open=L
            "holdDown": "5m"      | -                     | "holdDown": "1m" ; "holdDown": "9m"        | -  | holdDown     | 60s
            -                     | "reopenWithin": "2m"  | * ; "reopenWithin": "9m"                   | -  | reopenWithin | 120s
            -                     | -                     | "publish": {"open": "1st"} ; "publish": {"open": "2nd", "title": "2nd"} | - | publish | en UTC iso all title=- open=1st
            -                     | -                     | "status": "degraded-performance" ; *       | -  | status       | down
            -                     | -                     | "mode": "shadow" ; "mode": "live"          | -  | mode         | live
            -                     | -                     | "mode": "shadow" ; "mode": "off"           | -  | mode         | off
            "mode": "shadow"      | -                     | * ; *                                      | -  | mode         | shadow
            -                     | -                     | "reopenWithin": "5m"                       | "reopenWithin": "50m" | reopenWithin | 300s
            -                     | -                     | *                                          | "group": "payments"   | group        | off
            """)
    void policy_setAtEachLevel_theMostSpecificWinsFieldByField(String configuration, String service, String links,
            String embedded, String field, String expected) throws Exception {
        BridgeConfig config = parser.parse(List.of(new ConfigDocument("/p/links", """
                {"services": {"checkout": {"name": "Checkout", "hookUrl": "https://hooks.statushub.io/hooks/x?token=t"
                                           %s}},
                 "links": %s %s}
                """.formatted(fragment(service), links(links), fragment(configuration)))));
        List<ServiceLink> reaching = new ArrayList<>(config.links());
        if (embedded != null) {
            reaching.addAll(LinkParser.links("event", "$.links", JSON.readTree(links(embedded)), Set.of("checkout")));
        }
        Alert alert = Alert.of(AlertSource.CLOUDWATCH, "checkout-5xx").knownAs(List.of("checkout-5xx"))
                .opens("checkout-5xx@1", Instant.EPOCH).at(Instant.EPOCH);

        assertThat(config.servicesFor(alert, reaching)).singleElement()
                .satisfies(linked -> assertThat(said(linked, field)).isEqualTo(expected));
    }

    /** Settings after an object's own fields. */
    private static String fragment(String settings) {
        return settings == null ? "" : ", " + settings;
    }

    /** A JSON array of links from checkout-* to checkout, each with its own settings. */
    private static String links(String settings) {
        return Arrays.stream(settings.split(";")).map(String::strip)
                .map(own -> "{\"monitor\": \"checkout-*\", \"services\": [\"checkout\"]"
                        + (own.equals("*") ? "" : ", " + own) + "}")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String said(LinkedService linked, String field) {
        PagePolicy policy = linked.policy();
        Publish publish = policy.publish();
        return switch (field) {
            case "holdDown" -> policy.holdDown().toSeconds() + "s";
            case "reopenWithin" -> policy.reopenWithin().toSeconds() + "s";
            case "maintenance" -> policy.maintenance().name().toLowerCase(Locale.ROOT);
            case "group" -> policy.group().configName();
            case "status" -> linked.status().wireName();
            case "mode" -> linked.mode().configName();
            case "publish" -> String.join(" ", publish.language().code(),
                    publish.timeZone().normalized().equals(ZoneOffset.UTC) ? "UTC"
                            : publish.timeZone().getId(),
                    publish.dates().name().toLowerCase(Locale.ROOT), publish.notification().name()
                            .toLowerCase(Locale.ROOT),
                    "title=" + publish.template(Publish.Text.TITLE).orElse("-"),
                    "open=" + publish.template(Publish.Text.OPEN).orElse("-"));
            default -> throw new IllegalArgumentException(field);
        };
    }
}
