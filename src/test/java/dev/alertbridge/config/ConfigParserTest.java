package dev.alertbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.alert.Alert;
import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.AlertState;

class ConfigParserTest {
    private final ConfigParser parser = new ConfigParser(new ObjectMapper());

    @Test
    void parse_secretsAndLinksInTwoDocuments_mergeIntoOneConfiguration() {
        BridgeConfig config = parser.parse(List.of(
                new ConfigDocument("/p/secrets", "{\"statushub\":{\"apiKey\":\"k\"},\"webhookToken\":\"w-0123456789abcdef\"}"),
                new ConfigDocument("/p/links", """
                        {"statushub": {"apiUrl": "https://acme.app.statushub.io/api/v3", "hub": "acme"},
                         "services": {"checkout": {"serviceId": 101}},
                         "links": [{"monitor": "cpu", "services": ["checkout"]}]}
                        """)));
        assertThat(config.account()).hasValueSatisfying(a -> assertThat(a.hub()).isEqualTo("acme"));
        assertThat(config.webhookToken()).contains("w-0123456789abcdef");
        assertThat(config.services().get("checkout").name()).isEqualTo("checkout");
    }

    /** The files the deploy guide (docs/deploy.md) stores in Parameter Store, as they are in the repository. */
    @Test
    void parse_theDeployGuidesExampleFiles_areOneValidConfiguration() throws Exception {
        BridgeConfig config = parser.parse(List.of(
                new ConfigDocument("/statushub-bridge/secrets",
                        Files.readString(Path.of("deploy/secrets.example.json"))),
                new ConfigDocument("/statushub-bridge/links",
                        Files.readString(Path.of("deploy/links.example.json")))));
        assertThat(config.mode()).isEqualTo(WriteMode.SHADOW);
        assertThat(config.links()).hasSize(4);
        assertThat(LinkParser.links("rule", "$", new ObjectMapper().readTree(Files.readString(
                Path.of("deploy/rule-links.example.json"))), config.services().keySet())).hasSize(2);
    }

    @Test
    void parse_apiFieldSetTwice_namesBothParameters() {
        assertThatThrownBy(() -> parser.parse(List.of(
                new ConfigDocument("/p/a", "{\"statushub\":{\"apiKey\":\"k1\"}}"),
                new ConfigDocument("/p/b", "{\"statushub\":{\"apiKey\":\"k2\"}}"))))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessage("invalid configuration in /p/b at $.statushub.apiKey: also set in /p/a")
                .hasMessageNotContaining("k1").hasMessageNotContaining("k2");
    }

    @Test
    void parse_serviceIdWithoutAccount_saysWhichServiceNeedsIt() {
        assertThatThrownBy(() -> parser.parse(List.of(new ConfigDocument("/p/links",
                "{\"services\":{\"checkout\":{\"serviceId\":101}}}"))))
                .hasMessage("invalid configuration in /p/links at $.statushub.apiUrl: is required because service "
                        + "'checkout' uses serviceId");
    }

    @Test
    void parse_wrongTypes_areNamedWithoutTheirValues() {
        assertThatThrownBy(() -> parser.parse(List.of(new ConfigDocument("/p", "{\"webhookToken\": 12345678}"))))
                .hasMessage("invalid configuration in /p at $.webhookToken: must be a string");
        assertThatThrownBy(() -> parser.parse(List.of(new ConfigDocument("/p", """
                {"services": {"s": {"serviceId": "101"}}}"""))))
                .hasMessageContaining("$.services.s.serviceId: must be a positive integer");
        assertThatThrownBy(() -> parser.parse(List.of(new ConfigDocument("/p", """
                {"services": {"s": {"hookUrl": "https://h/x?token=t"}},
                 "links": [{"monitor": "m", "escalationLevel": 4, "services": ["s"]}]}"""))))
                .hasMessageContaining("$.links[0].escalationLevel: must be 1, 2 or 3");
        assertThatThrownBy(() -> parser.parse(List.of(new ConfigDocument("/p", """
                {"services": {"s": {"hookUrl": "https://h/x?token=t"}},
                 "links": [{"monitor": "m", "source": "nagios", "services": ["s"]}]}"""))))
                .hasMessageContaining("$.links[0].source: must be one of cloudwatch, uptrends, alertmanager, grafana");
    }

    @Test
    void link_withLevelSourceAndWildcard_matchesOnlyWhatItSays() {
        ServiceLink anyGrafanaAtLevel2 = ServiceLink.of("*", 2, AlertSource.GRAFANA, List.of("s"));
        assertThat(anyGrafanaAtLevel2.matches(alert(AlertSource.GRAFANA, "x", 2))).isTrue();
        assertThat(anyGrafanaAtLevel2.matches(alert(AlertSource.GRAFANA, "x", 1))).isFalse();
        assertThat(anyGrafanaAtLevel2.matches(alert(AlertSource.ALERTMANAGER, "x", 2))).isFalse();
        ServiceLink byArn = ServiceLink.of("ARN:AWS:CLOUDWATCH:EU-WEST-1:1:ALARM:CPU", null, null, List.of("s"));
        assertThat(byArn.matches(alert(AlertSource.CLOUDWATCH, "arn:aws:cloudwatch:eu-west-1:1:alarm:cpu", 3)))
                .isTrue();
    }

    @Test
    void redaction_showsSchemeHostAndPathOnly() {
        assertThat(Redaction.url(URI.create("https://hooks.statushub.io/hooks/generic?token=abc&x=1")))
                .isEqualTo("https://hooks.statushub.io/hooks/generic");
        assertThat(Redaction.url(URI.create("https://hooks.statushub.io/hooks/generic?abc123")))
                .isEqualTo("https://hooks.statushub.io/hooks/generic");
        assertThat(Redaction.url(URI.create("https://user:s3cret@acme.app.statushub.io/api/v3")))
                .isEqualTo("https://acme.app.statushub.io/api/v3");
        assertThat(Redaction.url(URI.create("https://hooks.statushub.io/hooks/598f3b0da9ba4738c2d1/in")))
                .isEqualTo("https://hooks.statushub.io/hooks/***/in");
    }

    @Test
    void parse_plainHttpOrCredentialsInAUrl_areRefusedWithoutQuotingIt() {
        for (String[] bad : new String[][] {
                { "http://acme.app.statushub.io/api/v3", "must use https://" },
                { "https://user:pw-secret@acme.app.statushub.io/api/v3", "must not carry user:password@" },
                { "ftp://acme.app.statushub.io/api/v3", "must be an absolute https:// URL" } }) {
            assertThatThrownBy(() -> parser.parse(List.of(new ConfigDocument("/p", """
                    {"statushub": {"apiUrl": "%s", "apiKey": "k", "hub": "acme"},
                     "services": {"checkout": {"serviceId": 101}}}
                    """.formatted(bad[0])))))
                    .hasMessageContaining("at $.statushub.apiUrl: " + bad[1]).hasMessageNotContaining("pw-secret")
                    .hasMessageNotContaining("acme.app");
        }
        assertThat(parser.parse(List.of(new ConfigDocument("/p", """
                {"services": {"local": {"hookUrl": "http://127.0.0.1:8089/hooks/generic?token=t"}}}
                """))).services()).containsKey("local");
    }

    @Test
    void parse_aShortWebhookToken_isRefused() {
        assertThatThrownBy(() -> parser.parse(List.of(new ConfigDocument("/p", "{\"webhookToken\": \"letmein\"}"))))
                .hasMessage("invalid configuration in /p at $.webhookToken: must be at least 16 characters (e.g. the "
                        + "output of openssl rand -hex 24)");
    }

    @Test
    void parse_twoServiceKeysWithOneServiceId_nameBoth() {
        assertThatThrownBy(() -> parser.parse(List.of(
                new ConfigDocument("/a", """
                        {"statushub": {"apiUrl": "https://acme.app.statushub.io/api/v3", "hub": "acme", "apiKey": "k"},
                         "services": {"checkout": {"serviceId": 101}}}
                        """),
                new ConfigDocument("/b", "{\"services\": {\"shop\": {\"serviceId\": 101}}}"))))
                .hasMessage("invalid configuration in /b at $.services.shop.serviceId: is 101, as is "
                        + "$.services.checkout.serviceId in /a: one StatusHub service, one key");
    }

    private static Alert alert(AlertSource source, String monitor, int level) {
        return new Alert(source, List.of("name", monitor), monitor, level, AlertState.OPEN, "k", null,
                Instant.EPOCH, "t", "", false, false, false, null);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            "publish": {"language": "pt"}                                  | $.publish.language | must be one of en, fr, nl, de, es, it
            "publish": {"language": "fr-XX"}                               | $.publish.language | must be one of en, fr, nl, de, es, it
            "publish": {"timeZone": "CEST"}                                | $.publish.timeZone | must be an IANA time zone
            "publish": {"timeZone": "+02:00"}                              | $.publish.timeZone | must be an IANA time zone
            "publish": {"dates": "short"}                                  | $.publish.dates    | must be iso or long
            "publish": {"stillAffected": "{service} still {state}"}        | $.publish.stillAffected | has an unknown placeholder {state}
            "publish": {"title": "  "}                                     | $.publish.title    | is empty: leave it out for the built-in text
            "publish": {"open": "{service} down since {start}"}            | $.publish.open     | has an unknown placeholder {start}
            "publish": {"notify": "some"}                                  | $.publish.notify   | must be all, open or none
            "publish": {"colour": "red"}                                   | $.publish.colour   | unknown field
            "services": {"checkout": {"serviceId": 101, "publish": {"clear": "{Service} ok"}}} | $.services.checkout.publish.clear | has an unknown placeholder {Service}
            "links": [{"monitor": "cpu", "services": ["search"], "publish": {"language": ""}}] | $.links[0].publish.language | must be one of en, fr, nl, de, es, it
            "links": [{"monitor": "cpu", "services": ["search"], "publish": {"dates": "LONG"}}] | $.links[0].publish.dates | must be iso or long
            """)
    void parse_aBadPublishBlock_isRefusedNamingItsPath(String part, String path, String reason) {
        assertThatThrownBy(() -> parser.parse(List.of(new ConfigDocument("/p/links", """
                {"statushub": {"apiUrl": "https://acme.app.statushub.io/api/v3", "hub": "acme", "apiKey": "k"},
                 "services": {"search": {"serviceId": 102}}, %s}
                """.formatted(part)))))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageStartingWith("invalid configuration in /p/links at " + path + ": " + reason);
    }

    /** The table of where each field may be set (docs/configuration.md), and the values a policy field takes. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            "services": {"search": {"serviceId": 102, "mode": "shadow"}}                    | $.services.search.mode      | may be set on the whole configuration or a link, not on a service
            "services": {"search": {"serviceId": 102, "reconcile": {"mode": "repair"}}}      | $.services.search.reconcile | may be set only on the whole configuration, not on a service
            "links": [{"monitor": "cpu", "services": ["search"], "reconcile": {"mode": "repair"}}] | $.links[0].reconcile  | may be set only on the whole configuration, not on a link
            "links": [{"monitor": "cpu", "services": ["search"], "serviceId": 102}]          | $.links[0].serviceId        | unknown field (expected one of escalationLevel, group, holdDown, maintenance, mode, monitor, publish, reopenWithin, services, source, status)
            "services": {"search": {"serviceId": 102, "colour": "red"}}                      | $.services.search.colour    | unknown field (expected one of group, holdDown, hookUrl, maintenance, name, publish, reopenWithin, serviceId)
            "group": "Payments"                                                              | $.group                     | must be off, alert, service, or a group name of lower-case letters, digits and -
            "links": [{"monitor": "cpu", "services": ["search"], "group": "pay ments"}]      | $.links[0].group            | must be off, alert, service, or a group name of lower-case letters, digits and -
            "services": {"search": {"serviceId": 102, "group": ""}}                          | $.services.search.group     | must be off, alert, service, or a group name of lower-case letters, digits and -
            "group": 7                                                                       | $.group                     | must be a string
            "services": {"search": {"serviceId": 102, "holdDown": "5 minutes"}}             | $.services.search.holdDown  | must be a whole number and a unit: 90s, 2m, 1h
            "links": [{"monitor": "cpu", "services": ["search"], "maintenance": "always"}]   | $.links[0].maintenance      | must be skip or post
            "services": {"search": {"serviceId": 102, "reopenWithin": "1d"}}                | $.services.search.reopenWithin | must be a whole number and a unit: 90s, 2m, 1h
            """)
    void parse_aFieldWhereTheTableForbidsItOrABadPolicyValue_isRefusedNamingItsPath(String part, String path,
            String reason) {
        assertThatThrownBy(() -> parser.parse(List.of(new ConfigDocument("/p/links", """
                {"statushub": {"apiUrl": "https://acme.app.statushub.io/api/v3", "hub": "acme", "apiKey": "k"},
                 "services": {"search": {"serviceId": 102}}}
                """), new ConfigDocument("/p/more", "{%s}".formatted(part.replace("\"search\": {", "\"more\": {"))))))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessage("invalid configuration in /p/more at " + path.replace("search", "more") + ": " + reason);
    }

    @Test
    void parse_groupAtEveryLevel_takesTheBuiltInWordsAndTeamsNames() {
        BridgeConfig config = parser.parse(List.of(new ConfigDocument("/p/links", """
                {"services": {"search": {"hookUrl": "https://h/x?token=t", "group": "alert"}},
                 "links": [{"monitor": "cpu", "services": ["search"], "group": "eu-payments-2"}],
                 "group": "service"}
                """)));
        assertThat(config.policy().group()).isEqualTo(Group.Shared.SERVICE);
        assertThat(config.services().get("search").policy().group()).isEqualTo(Group.Shared.ALERT);
        assertThat(config.links().get(0).policy().group()).isEqualTo(new Group.Named("eu-payments-2"));
        assertThat(Group.of("off")).contains(Group.OFF);
        assertThatThrownBy(() -> new Group.Named("alert")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parse_aHeartbeatWithoutAlert_isTheWatchdogOfAlertmanagerAndGrafanaOnly() {
        BridgeConfig config = parser.parse(List.of(new ConfigDocument("/p/links", "{\"heartbeat\": {}}")));
        Instant at = Instant.parse("2025-01-02T00:00:21Z");

        assertThat(config.heartbeat()).contains(new Heartbeat("Watchdog"));
        assertThat(config.heartbeat().get().beats(Alert.of(AlertSource.ALERTMANAGER, "am:1")
                .knownAs(List.of("WATCHDOG")).opens("e", at).at(at))).isTrue();
        assertThat(config.heartbeat().get().beats(Alert.of(AlertSource.UPTRENDS, "guid")
                .knownAs(List.of("Watchdog")).opens("e", at).at(at))).isFalse();
        assertThat(parser.parse(List.of(new ConfigDocument("/p/links", "{}"))).heartbeat()).isEmpty();
    }

    @Test
    void parse_tagLinks_isOffUnlessTheConfigurationSaysTrue() {
        assertThat(parser.parse(List.of(new ConfigDocument("/p/links", "{}"))).tagLinks()).isFalse();
        assertThat(parser.parse(List.of(new ConfigDocument("/p/links", "{\"tagLinks\": true}"))).tagLinks())
                .isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            "tagLinks": "true"                                  | $.tagLinks | must be true or false
            "services": {"a": {"serviceId": 1, "tagLinks": true}} | $.services.a.tagLinks | may be set only on the \
            whole configuration, not on a service
            """)
    void parse_aBadTagLinks_isRefusedNamingItsPath(String part, String path, String reason) {
        assertThatThrownBy(() -> parser.parse(List.of(new ConfigDocument("/p/links", "{" + part + "}"))))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining(path + ": " + reason);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            "heartbeat": "Watchdog"                     | $.heartbeat       | must be a JSON object
            "heartbeat": {"alert": " "}                 | $.heartbeat.alert | must not be blank
            "heartbeat": {"alertname": "Watchdog"}      | $.heartbeat.alertname | unknown field
            """)
    void parse_aBadHeartbeat_isRefusedNamingItsPath(String part, String path, String reason) {
        assertThatThrownBy(() -> parser.parse(List.of(new ConfigDocument("/p/links", "{" + part + "}"))))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageStartingWith("invalid configuration in /p/links at " + path + ": " + reason);
    }

    @Test
    void parse_publishAtEveryLevel_mergesFieldByFieldTheMostSpecificFirst() {
        BridgeConfig config = parser.parse(List.of(new ConfigDocument("/p/links", """
                {"statushub": {"apiUrl": "https://acme.app.statushub.io/api/v3", "hub": "acme", "apiKey": "k"},
                 "services": {"search": {"name": "Search", "serviceId": 102, "publish": {"title": "S", "open": "S"}}},
                 "links": [{"monitor": "cpu", "services": ["search"], "publish": {"open": "L"}}],
                 "publish": {"language": "fr", "title": "C", "open": "C", "clear": "C", "notify": "open"}}
                """)));
        Alert alert = Alert.of(AlertSource.CLOUDWATCH,
                "cpu").knownAs(List.of("cpu")).opens("cpu@1", Instant.EPOCH).at(Instant.EPOCH);
        assertThat(config.servicesFor(alert, config.links())).singleElement().satisfies(linked -> assertThat(
                linked.policy().publish()).isEqualTo(
                        new Publish(Publish.Language.FR, ZoneOffset.UTC, Publish.Dates.ISO, Publish.Notify.OPEN,
                                Map.of(Publish.Text.TITLE, "S", Publish.Text.OPEN, "L", Publish.Text.CLEAR, "C"))));
    }

    @Test
    void parse_timeZoneDatesAndTemplatesAtEveryLevel_mergeFieldByFieldAndNameByName() {
        BridgeConfig config = parser.parse(List.of(new ConfigDocument("/p/links", """
                {"statushub": {"apiUrl": "https://acme.app.statushub.io/api/v3", "hub": "acme", "apiKey": "k"},
                 "services": {"search": {"name": "Search", "serviceId": 102,
                                         "publish": {"timeZone": "Europe/Berlin", "stillAffected": "S"}}},
                 "links": [{"monitor": "cpu", "services": ["search"], "publish": {"language": "de-CH",
                            "corrected": "L"}}],
                 "publish": {"language": "fr-CA", "timeZone": "UTC", "dates": "long", "stillAffected": "C",
                             "reopen": "C"}}
                """)));
        Alert alert = Alert.of(AlertSource.CLOUDWATCH,
                "cpu").knownAs(List.of("cpu")).opens("cpu@1", Instant.EPOCH).at(Instant.EPOCH);
        assertThat(config.servicesFor(alert, config.links())).singleElement().satisfies(linked -> assertThat(
                linked.policy().publish()).isEqualTo(
                        new Publish(Publish.Language.DE, ZoneId.of("Europe/Berlin"),
                                Publish.Dates.LONG, Publish.Notify.ALL,
                                Map.of(Publish.Text.STILL_AFFECTED, "S", Publish.Text.CORRECTED, "L",
                                        Publish.Text.REOPEN, "C"))));
        assertThat(config.policy().publish().language()).as("fr-CA speaks French").isEqualTo(Publish.Language.FR);
    }
}
