package dev.alertbridge.config;

/** The configuration could not be read (Parameter Store down, throttled, denied, file missing): transient. */
public class ConfigUnavailableException extends RuntimeException {
    public ConfigUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
