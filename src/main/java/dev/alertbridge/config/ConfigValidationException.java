package dev.alertbridge.config;

/** A configuration document breaks the schema: names the parameter, the JSON path and what is wrong. */
public class ConfigValidationException extends RuntimeException {
    private final String parameter;
    private final String jsonPath;

    public ConfigValidationException(String parameter, String jsonPath, String reason) {
        super("invalid configuration in " + parameter + " at " + jsonPath + ": " + reason);
        this.parameter = parameter;
        this.jsonPath = jsonPath;
    }

    public String parameter() {
        return parameter;
    }

    public String jsonPath() {
        return jsonPath;
    }
}
