package dev.alertbridge.config;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
    private final ConfigSource documents;

    public ConfigLoader(BridgeSettings settings, ObjectMapper json) {
        this.parser = new ConfigParser(json);
        this.documents = settings.config().file().<ConfigSource> map(FileDocuments::new)
                .orElseGet(() -> new ParameterStoreDocuments(settings.config().path()));
        this.cache = new ConfigCache(within -> parser.parse(documents.read(within)), settings.config().ttl(),
                settings.config().maxStale());
    }

    /** The configuration of this environment, read again when its TTL has passed, within {@code within}. */
    public BridgeConfig current(Instant now, Duration within) {
        return cache.get(now, within);
    }

    /** See {@link ConfigCache#readAgainOnNextUse()}. */
    public void readAgainOnNextUse() {
        cache.readAgainOnNextUse();
    }

    /** The documents as they are now, read past the cache (the configuration check). */
    public List<ConfigDocument> documents(Duration within) {
        return documents.read(within);
    }
}
