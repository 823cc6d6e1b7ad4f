package dev.alertbridge.transition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a substituted value becomes on the page, one rule a row: nothing in it can form a tag or a link whether
 * StatusHub renders Markdown or HTML, and it stays as readable as it was typed (no backslash, no invisible
 * character).
 */
class PublicTextTest {
    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("a name people type", "CPU > 90% & rising", "CPU › 90% & rising"),
                Arguments.of("a tag", "<script>alert(1)</script>", "‹script›alert(1)‹/script›"),
                Arguments.of("an autolink", "<https://evil.example>", "‹https://evil.example›"),
                Arguments.of("a quote block", "> not a quote", "› not a quote"),
                Arguments.of("a link", "[x](javascript:alert(1))", "[x] (javascript:alert(1))"),
                Arguments.of("an image", "![img](https://evil.example/p.png)", "! [img] (https://evil.example/p.png)"),
                Arguments.of("a newline", "db-1\ndb-2 down", "db-1 db-2 down"),
                Arguments.of("a Windows line break", "db-1\r\ndb-2", "db-1 db-2"),
                Arguments.of("a link split over lines", "[x]\n(javascript:alert(1))", "[x] (javascript:alert(1))"),
                Arguments.of("a control character", "db-1\u0007down", "db-1 down"),
                Arguments.of("emphasis and a heading sign", "*web* _api_ #3", "*web* _api_ #3"),
                Arguments.of("quotes, emoji and a backslash typed", "\"web-1\" 🔥 C:\\temp",
                        "\"web-1\" 🔥 C:\\temp"),
                Arguments.of("brackets that form nothing", "[x] (y) !x [z]", "[x] (y) !x [z]"),
                Arguments.of("nothing", null, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void value_markupOrLineBreaks_neutralisedReadably(String rule, String typed, String onThePage) {
        assertThat(PublicText.value(typed)).isEqualTo(onThePage).doesNotContain("\n", "\u200b", "\u2060");
    }

    static Stream<Arguments> templates() {
        return Stream.of(
                Arguments.of("the team's Markdown stays",
                        "**{service}** is down: [runbook](https://wiki.example/{alert})", "DbDown",
                        "**Checkout** is down: [runbook](https://wiki.example/DbDown)"),
                Arguments.of("the team's own markup stays", "{service} > slow: <b>{alert}</b>", "DbDown",
                        "Checkout > slow: <b>DbDown</b>"),
                Arguments.of("a value's link does not", "{service}: {alert}", "[x](javascript:alert(1))",
                        "Checkout: [x] (javascript:alert(1))"),
                Arguments.of("a value opening after the team's bracket", "[{service}]{alert}", "(javascript:alert(1))",
                        "[Checkout] (javascript:alert(1))"),
                Arguments.of("a value's bracket before the team's parenthesis", "{alert}(see the runbook)", "[click]",
                        "[click] (see the runbook)"),
                Arguments.of("a value's ! before the team's link", "{alert}[runbook](https://wiki.example)", "Down!",
                        "Down! [runbook](https://wiki.example)"),
                Arguments.of("a value after the team's angle bracket", "<{alert}>", "img src=x onerror=alert(1)",
                        "< img src=x onerror=alert(1)>"),
                Arguments.of("two values side by side", "{alert}{alert}", "(a)[b]", "(a)[b] (a)[b]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void render_valueBesideTheTeamsText_joinsNoMarkupAndLeavesTheTeamsAlone(String rule, String template,
            String alert, String rendered) {
        assertThat(PageTexts.render(template, Map.of("service", "Checkout", "alert", alert))).isEqualTo(rendered);
    }
}
