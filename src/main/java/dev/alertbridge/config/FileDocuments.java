package dev.alertbridge.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** One configuration document from a local file or, with {@code classpath:}, from the function's resources. */
public final class FileDocuments implements ConfigSource {
    private final String location;

    public FileDocuments(String location) {
        this.location = location;
    }

    @Override
    public List<ConfigDocument> read(Duration within) {
        try {
            return List.of(new ConfigDocument(location, read()));
        } catch (IOException e) {
            throw new ConfigUnavailableException("could not read configuration file " + location + ": " + e, e);
        }
    }

    private String read() throws IOException {
        if (location.startsWith("classpath:")) {
            String name = location.substring("classpath:".length());
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException("no such resource");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return Files.readString(Path.of(location));
    }
}
