package dev.alertbridge.config;

import java.time.Duration;
import java.util.List;

/** Where the configuration documents come from: Parameter Store, or a file for development and tests. */
public interface ConfigSource {

    /**
     * Reads every document, within {@code within}: a read that cannot finish by then is abandoned and fails with
     * {@link ConfigUnavailableException}, so the invocation still answers before Lambda's timeout.
     */
    List<ConfigDocument> read(Duration within);
}
