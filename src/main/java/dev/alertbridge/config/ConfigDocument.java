package dev.alertbridge.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One configuration document as stored: its parameter name (or file name) and JSON text.
 *
 * @param name where it came from, used in every error about it
 * @param json the document text (may hold secrets: never log it)
 */
public record ConfigDocument(String name, String json) {

    /**
     * What an operator's command from a shell reads (check, explain): the files named, each in turn, else the
     * documents under {@code path} in Parameter Store.
     */
    public static List<ConfigDocument> forCommand(String path, List<String> files) {
        List<ConfigDocument> documents = new ArrayList<>();
        if (files.isEmpty()) {
            documents.addAll(new ParameterStoreDocuments(path).read(Duration.ofSeconds(30)));
        } else {
            files.forEach(file -> documents.addAll(new FileDocuments(file).read(Duration.ofSeconds(5))));
        }
        return documents;
    }

    @Override
    public String toString() {
        return "ConfigDocument[" + name + "]";
    }
}
