package dev.alertbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class ConfigCacheTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final BridgeConfig FIRST = config("first");
    private static final BridgeConfig SECOND = config("second");
    private static final Duration STALE = Duration.ofMinutes(15);
    private static final Duration WITHIN = Duration.ofSeconds(5);

    @Test
    void get_withinTtl_readsOnce() {
        Source source = new Source(FIRST);
        ConfigCache cache = new ConfigCache(source, Duration.ofSeconds(60), STALE);
        assertThat(cache.get(T0, WITHIN)).isSameAs(FIRST);
        assertThat(cache.get(T0.plusSeconds(59), WITHIN)).isSameAs(FIRST);
        assertThat(cache.reads()).isEqualTo(1);
    }

    @Test
    void get_afterTtl_readsAgain() {
        ConfigCache cache = new ConfigCache(new Source(FIRST, SECOND), Duration.ofSeconds(60), STALE);
        cache.get(T0, WITHIN);
        assertThat(cache.get(T0.plusSeconds(60), WITHIN)).isSameAs(SECOND);
    }

    @Test
    void get_refreshUnavailable_keepsLastGoodUntilTheNextTtl() {
        Source source = new Source(FIRST, new ConfigUnavailableException("down", null), SECOND);
        ConfigCache cache = new ConfigCache(source, Duration.ofSeconds(60), STALE);
        cache.get(T0, WITHIN);
        assertThat(cache.get(T0.plusSeconds(61), WITHIN)).isSameAs(FIRST);
        assertThat(cache.get(T0.plusSeconds(100), WITHIN)).isSameAs(FIRST);
        assertThat(cache.get(T0.plusSeconds(122), WITHIN)).isSameAs(SECOND);
    }

    @Test
    void get_unavailableAtColdStart_failsAndRetriesOnTheNextCall() {
        ConfigCache cache = new ConfigCache(new Source(new ConfigUnavailableException("down", null), FIRST),
                Duration.ofSeconds(60), STALE);
        assertThatThrownBy(() -> cache.get(T0, WITHIN)).isInstanceOf(ConfigUnavailableException.class);
        assertThat(cache.get(T0.plusSeconds(1), WITHIN)).isSameAs(FIRST);
    }

    @Test
    void get_invalidDocumentOnRefresh_failsRatherThanApplyAnOldOrBrokenConfiguration() {
        ConfigCache cache = new ConfigCache(new Source(FIRST, new ConfigValidationException("/p", "$.x", "bad")),
                Duration.ofSeconds(60), STALE);
        cache.get(T0, WITHIN);
        assertThatThrownBy(() -> cache.get(T0.plusSeconds(61), WITHIN)).isInstanceOf(ConfigValidationException.class);
        assertThatThrownBy(() -> cache.get(T0.plusSeconds(62), WITHIN)).hasMessageContaining("$.x");
    }

    @Test
    void get_refreshFailing_servesTheLastGoodOnlyWhileItIsYoungerThanMaxStale() {
        ConfigCache cache = new ConfigCache(new Source(FIRST, new ConfigUnavailableException("AccessDenied", null)),
                Duration.ofSeconds(60), STALE);
        cache.get(T0, WITHIN);
        assertThat(cache.get(T0.plusSeconds(61), WITHIN)).isSameAs(FIRST);
        assertThat(cache.get(T0.plusSeconds(15 * 60), WITHIN)).isSameAs(FIRST);
        assertThatThrownBy(() -> cache.get(T0.plusSeconds(15 * 60 + 1), WITHIN))
                .isInstanceOf(ConfigUnavailableException.class)
                .hasMessageContaining("cannot be refreshed since 2024-01-01T00:01:01Z")
                .hasMessageContaining("loaded at 2024-01-01T00:00:00Z is older than 15 min")
                .hasMessageContaining("no longer served").hasMessageContaining("AccessDenied");
    }

    @Test
    void get_configurationFromLongAgo_isNotServedByTheFirstFailingRefresh() {
        // A SnapStart restore days after the snapshot: a rotated (leaked) token must not come back for 15 minutes
        // just because the first refresh fails.
        ConfigCache cache = new ConfigCache(new Source(FIRST, new ConfigUnavailableException("Throttling", null)),
                Duration.ofSeconds(60), STALE);
        cache.get(T0, WITHIN);
        assertThatThrownBy(() -> cache.get(T0.plus(Duration.ofDays(2)), WITHIN))
                .isInstanceOf(ConfigUnavailableException.class).hasMessageContaining("no longer served");
    }

    @Test
    void get_refreshRecoversWithinMaxStale_forgetsTheFailure() {
        ConfigCache cache = new ConfigCache(new Source(FIRST, new ConfigUnavailableException("down", null), SECOND,
                new ConfigUnavailableException("down again", null)), Duration.ofSeconds(60), STALE);
        cache.get(T0, WITHIN);
        cache.get(T0.plusSeconds(61), WITHIN);
        assertThat(cache.get(T0.plusSeconds(14 * 60), WITHIN)).isSameAs(SECOND);
        assertThat(cache.get(T0.plusSeconds(20 * 60), WITHIN)).isSameAs(SECOND);
    }

    @Test
    void get_passesTheTimeItMayTakeToTheSource() {
        Duration[] given = new Duration[1];
        new ConfigCache(within -> {
            given[0] = within;
            return FIRST;
        }, Duration.ofSeconds(60), STALE).get(T0, Duration.ofMillis(1234));
        assertThat(given[0]).isEqualTo(Duration.ofMillis(1234));
    }

    private static BridgeConfig config(String name) {
        return BridgeConfig.of(Optional.empty(), Optional.of(name), Map.of(), List.of());
    }

    /** Answers each read with the next of its outcomes. */
    private static final class Source implements Function<Duration, BridgeConfig> {
        private final Deque<Object> outcomes;

        Source(Object... outcomes) {
            this.outcomes = new ArrayDeque<>(List.of(outcomes));
        }

        @Override
        public BridgeConfig apply(Duration within) {
            Object next = outcomes.size() > 1 ? outcomes.poll() : outcomes.peek();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (BridgeConfig) next;
        }
    }
}
