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
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

class ConfigCacheTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final BridgeConfig FIRST = config("first");
    private static final BridgeConfig SECOND = config("second");

    @Test
    void get_withinTtl_readsOnce() {
        Source source = new Source(FIRST);
        ConfigCache cache = new ConfigCache(source, Duration.ofSeconds(60));
        assertThat(cache.get(T0)).isSameAs(FIRST);
        assertThat(cache.get(T0.plusSeconds(59))).isSameAs(FIRST);
        assertThat(cache.reads()).isEqualTo(1);
    }

    @Test
    void get_afterTtl_readsAgain() {
        ConfigCache cache = new ConfigCache(new Source(FIRST, SECOND), Duration.ofSeconds(60));
        cache.get(T0);
        assertThat(cache.get(T0.plusSeconds(60))).isSameAs(SECOND);
    }

    @Test
    void get_refreshUnavailable_keepsLastGoodUntilTheNextTtl() {
        Source source = new Source(FIRST, new ConfigUnavailableException("down", null), SECOND);
        ConfigCache cache = new ConfigCache(source, Duration.ofSeconds(60));
        cache.get(T0);
        assertThat(cache.get(T0.plusSeconds(61))).isSameAs(FIRST);
        assertThat(cache.get(T0.plusSeconds(100))).isSameAs(FIRST);
        assertThat(cache.get(T0.plusSeconds(122))).isSameAs(SECOND);
    }

    @Test
    void get_unavailableAtColdStart_failsAndRetriesOnTheNextCall() {
        ConfigCache cache = new ConfigCache(new Source(new ConfigUnavailableException("down", null), FIRST),
                Duration.ofSeconds(60));
        assertThatThrownBy(() -> cache.get(T0)).isInstanceOf(ConfigUnavailableException.class);
        assertThat(cache.get(T0.plusSeconds(1))).isSameAs(FIRST);
    }

    @Test
    void get_invalidDocumentOnRefresh_failsRatherThanApplyAnOldOrBrokenConfiguration() {
        ConfigCache cache = new ConfigCache(new Source(FIRST, new ConfigValidationException("/p", "$.x", "bad")),
                Duration.ofSeconds(60));
        cache.get(T0);
        assertThatThrownBy(() -> cache.get(T0.plusSeconds(61))).isInstanceOf(ConfigValidationException.class);
        assertThatThrownBy(() -> cache.get(T0.plusSeconds(62))).hasMessageContaining("$.x");
    }

    private static BridgeConfig config(String name) {
        return new BridgeConfig(Optional.empty(), Optional.of(name), Map.of(), List.of());
    }

    /** Answers each read with the next of its outcomes. */
    private static final class Source implements Supplier<BridgeConfig> {
        private final Deque<Object> outcomes;

        Source(Object... outcomes) {
            this.outcomes = new ArrayDeque<>(List.of(outcomes));
        }

        @Override
        public BridgeConfig get() {
            Object next = outcomes.size() > 1 ? outcomes.poll() : outcomes.peek();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (BridgeConfig) next;
        }
    }
}
