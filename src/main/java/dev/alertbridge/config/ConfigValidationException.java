package dev.alertbridge.config;

/** A configuration document breaks the schema: names the parameter, the JSON path and what is wrong. */
public class ConfigValidationException extends RuntimeException {
    private final String parameter;
    private final String jsonPath;
    private final String reason;

    public ConfigValidationException(String parameter, String jsonPath, String reason) {
        super("invalid configuration in " + parameter + " at " + jsonPath + ": " + reason);
        this.parameter = parameter;
        this.jsonPath = jsonPath;
        this.reason = reason;
    }

    /** What is wrong, without the parameter and path. */
    public String reason() {
        return reason;
    }

    public String parameter() {
        return parameter;
    }

    public String jsonPath() {
        return jsonPath;
    }
}
