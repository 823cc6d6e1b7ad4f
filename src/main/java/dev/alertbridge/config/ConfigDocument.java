package dev.alertbridge.config;

/**
 * One configuration document as stored: its parameter name (or file name) and JSON text.
 *
 * @param name where it came from, used in every error about it
 * @param json the document text (may hold secrets: never log it)
 */
public record ConfigDocument(String name, String json) {
    @Override
    public String toString() {
        return "ConfigDocument[" + name + "]";
    }
}
