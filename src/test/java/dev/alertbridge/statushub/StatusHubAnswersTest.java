package dev.alertbridge.statushub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.alertbridge.budget.Deadline;

/** How StatusHub's answers are read: the wait a 429 asks for, and what each status means for a retry. */
class StatusHubAnswersTest {

    @ParameterizedTest(name = "Retry-After ''{0}'' waits {1} s")
    @CsvSource(value = { "3, 3", "' 7 ', 7", "0, 0", "-4, 0", "'', 1", "NULL, 1", "soon, 1",
            "'Wed, 21 Oct 2026 07:28:00 GMT', 1" }, nullValues = "NULL")
    void retryAfterIsReadInSecondsElseOneSecond(String header, long seconds) {
        assertThat(StatusHubCalls.retryAfter(header)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "HTTP {0}: {1}")
    @CsvSource(delimiter = '|', value = { "200 | ok", "201 | ok", "204 | ok", "429 | not applied, retry after the wait",
            "408 | may have applied", "500 | may have applied", "502 | may have applied", "503 | may have applied",
            "504 | may have applied", "400 | rejected", "401 | rejected", "404 | rejected", "422 | rejected" })
    void eachStatusMeansOneThingForARetry(int status, String meaning) {
        StatusHubCalls.Answer answer = new StatusHubCalls.Answer(status, "{}", null, status == 429 ? "2" : null);
        String read;
        try {
            StatusHubCalls.answer(answer, "POST /hubs/acme/incidents",
                    Deadline.in(Duration.ofSeconds(30), Clock.systemUTC()));
            read = "ok";
        } catch (StatusHubUnavailableException e) {
            read = e.notApplied() ? "not applied, retry after the wait" : "may have applied";
            if (e.notApplied()) {
                assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
            }
        } catch (StatusHubRejectedException e) {
            read = "rejected";
            assertThat(e).hasMessage("StatusHub rejected POST /hubs/acme/incidents with HTTP " + status);
        }
        assertThat(read).isEqualTo(meaning);
    }
}
