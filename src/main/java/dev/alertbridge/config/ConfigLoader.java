package dev.alertbridge.config;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The configuration of this execution environment: from {@code BRIDGE_CONFIG_FILE} when set, otherwise from
 * Parameter Store under {@code BRIDGE_CONFIG_PATH}; validated, merged and cached for {@code BRIDGE_CONFIG_TTL}.
 */
@ApplicationScoped
public class ConfigLoader {
    private final ConfigParser parser;
    private final ConfigCache cache;
    private final String origin;

    public ConfigLoader(BridgeSettings settings, ObjectMapper json) {
        this.parser = new ConfigParser(json);
        Supplier<List<ConfigDocument>> documents = settings.config().file()
                .<Supplier<List<ConfigDocument>>>map(FileDocuments::new)
                .orElseGet(() -> new ParameterStoreDocuments(settings.config().path()));
        this.origin = settings.config().file().map(f -> "file " + f)
                .orElse("Parameter Store path " + settings.config().path());
        this.cache = new ConfigCache(() -> parser.parse(documents.get()), settings.config().ttl());
    }

    public BridgeConfig current(Instant now) {
        return cache.get(now);
    }

    public ConfigParser parser() {
        return parser;
    }

    /** Where the configuration is read from, for the log. */
    public String origin() {
        return origin;
    }

    public int reads() {
        return cache.reads();
    }
}
