package dev.alertbridge.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Webhook callers present the configured token as {@code Authorization: Bearer <token>} or as a {@code token}
 * query parameter (for senders that cannot set headers), compared in constant time. With no token configured,
 * only callers Lambda authenticated with AWS_IAM get in.
 */
public final class WebhookAuth {
    private WebhookAuth() {
    }

    /**
     * A caller that presents no token and was not authenticated by Lambda: refused whatever the configuration says,
     * so without reading it (the public URL is public: an anonymous burst costs no Parameter Store read).
     */
    public static boolean anonymous(FunctionUrlRequest request) {
        return !request.iamAuthenticated() && presented(request).filter(p -> !p.isEmpty()).isEmpty();
    }

    public static boolean authorized(FunctionUrlRequest request, Optional<String> configuredToken) {
        if (configuredToken.isEmpty() || configuredToken.get().isEmpty()) {
            return request.iamAuthenticated();
        }
        byte[] expected = configuredToken.get().getBytes(StandardCharsets.UTF_8);
        return presented(request).map(p -> MessageDigest.isEqual(p.getBytes(StandardCharsets.UTF_8), expected))
                .orElse(false);
    }

    private static Optional<String> presented(FunctionUrlRequest request) {
        Optional<String> bearer = request.header("authorization")
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim());
        return bearer.or(() -> Optional.ofNullable(request.query().get("token")));
    }
}
