package dev.alertbridge.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which alerts share one public incident ({@code "group"}): {@code off} (one incident per alert and service, the
 * default), {@code alert} (one incident per alert, naming all its services), {@code service} (one open incident per
 * service that every alert on it joins) or a team's own group name ({@code payments}: every alert whose link carries
 * it joins one incident). {@code off}, {@code alert} and {@code service} are not names.
 */
public sealed interface Group permits Group.Shared, Group.Named {
    Group OFF = Shared.OFF;

    /** As the configuration writes it. */
    String configName();

    /** The group a configuration value names, if it names one. */
    static Optional<Group> of(String value) {
        Optional<Shared> shared = DocumentFields.named(Shared.values(), value);
        if (shared.isPresent()) {
            return Optional.of(shared.get());
        }
        return value != null && Named.NAME.matcher(value).matches() ? Optional.of(new Named(value)) : Optional.empty();
    }

    /** The built-in ways of sharing an incident, or not. */
    enum Shared implements Group {
        OFF,
        ALERT,
        SERVICE;

        @Override
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A team's own group: lower-case letters, digits and {@code -}, and not one of the built-in words. */
    record Named(String name) implements Group {
        private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

        public Named {
            if (name == null || !NAME.matcher(name).matches()
                    || DocumentFields.named(Shared.values(), name).isPresent()) {
                throw new IllegalArgumentException("not a group name: off, alert and service are not names");
            }
        }

        @Override
        public String configName() {
            return name;
        }
    }
}
