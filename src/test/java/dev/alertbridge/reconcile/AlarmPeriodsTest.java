package dev.alertbridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * When an ALARM period began, from the alarm's history (newest first): through ALARM → ALARM updates and
 * INSUFFICIENT_DATA back to its entry into ALARM from OK.
 */
class AlarmPeriodsTest {
    private static final Instant T = Instant.parse("2026-12-05T10:00:00.023Z");

    /** {@code history}: changes oldest first, each {@code <minute>:<from>><to>}; {@code asOf} in minutes. */
    @ParameterizedTest(name = "{0} as of minute {1} -> began at minute {2}")
    @CsvSource(delimiter = '|', value = {
            "0:OK>ALARM                                              | 0  | 0",
            "0:OK>ALARM 10:ALARM>ALARM 20:ALARM>ALARM                | 20 | 0",
            "0:OK>ALARM 10:ALARM>INSUFFICIENT_DATA 15:INSUFFICIENT_DATA>ALARM | 15 | 0",
            "0:OK>ALARM 5:ALARM>OK 10:OK>ALARM                       | 10 | 10",
            "0:OK>INSUFFICIENT_DATA 10:INSUFFICIENT_DATA>ALARM       | 10 | 10",
            "0:OK>ALARM 10:ALARM>ALARM 30:ALARM>OK 40:OK>ALARM       | 20 | 0",
            "10:ALARM>ALARM 20:ALARM>ALARM                           | 20 | 10",
            "0:ALARM>OK                                              | 5  | -",
            "                                                        | 5  | -",
    })
    void began_history_shouldNameTheEntryIntoAlarmFromOk(String history, long asOf, String began) {
        List<StateUpdate> updates = new ArrayList<>();
        for (String change : history == null ? new String[0] : history.trim().split("\\s+")) {
            String[] minuteAndStates = change.split(":");
            String[] states = minuteAndStates[1].split(">");
            updates.add(0, new StateUpdate(T.plusSeconds(60 * Long.parseLong(minuteAndStates[0])), states[0],
                    states[1]));
        }
        Optional<Instant> expected = began.equals("-") ? Optional.empty()
                : Optional.of(T.plusSeconds(60 * Long.parseLong(began)));
        assertThat(AlarmPeriods.began(updates, T.plusSeconds(60 * asOf))).isEqualTo(expected);
    }
}
