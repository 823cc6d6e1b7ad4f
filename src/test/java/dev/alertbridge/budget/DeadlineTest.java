package dev.alertbridge.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class DeadlineTest {
    /** A clock that stands still: what is left is what the test says. */
    private static final Clock STILL = Clock.fixed(Instant.parse("2024-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final Duration BOUND = Duration.ofSeconds(2);

    private static Deadline left(Duration left) {
        return Deadline.in(left, STILL);
    }

    @Test
    void forCall_lessLeftThanTheShortestUsefulCall_isRefused() {
        assertThat(left(Duration.ofMillis(49)).forCall(BOUND)).isEmpty();
        assertThat(left(Duration.ofMillis(49)).forCall()).isEmpty();
        assertThat(left(Duration.ZERO).forCall(BOUND)).isEmpty();
    }

    @Test
    void forCall_theShortestUsefulCallLeft_isAllowedThatLong() {
        assertThat(left(Duration.ofMillis(50)).forCall(BOUND)).contains(Duration.ofMillis(50));
    }

    @Test
    void forCall_aBoundBelowTheShortestUsefulCall_isRefusedHoweverMuchIsLeft() {
        assertThat(left(Duration.ofSeconds(30)).forCall(Duration.ofMillis(10))).isEmpty();
    }

    @Test
    void forCall_moreLeftThanTheBound_isTheBound() {
        assertThat(left(Duration.ofSeconds(30)).forCall(BOUND)).contains(BOUND);
    }

    @Test
    void forCall_aDeadlineNearerThanTheBound_wins() {
        assertThat(left(Duration.ofMillis(1500)).forCall(BOUND)).contains(Duration.ofMillis(1500));
    }

    @Test
    void forCall_withoutBound_isWhatIsLeft() {
        assertThat(left(Duration.ofSeconds(30)).forCall()).contains(Duration.ofSeconds(30));
    }

    @Test
    void forCall_afterTheDeadlinePassed_isRefused() {
        Deadline passed = new Deadline(STILL.instant().minusSeconds(1), STILL);
        assertThat(passed.remaining()).isZero();
        assertThat(passed.forCall(BOUND)).isEmpty();
    }

    @Test
    void shortenedBy_aReserve_leavesLessForTheCall() {
        assertThat(left(Duration.ofSeconds(3)).shortenedBy(Duration.ofSeconds(2)).forCall(BOUND))
                .contains(Duration.ofSeconds(1));
    }
}
