package dev.alertbridge.bare;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Response;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * The floor of the bridge's stack: a Quarkus Lambda that makes one Quarkus REST-client call per event (a GET of
 * {@code BARE_CALL_URL}, with {@code X-API-KEY: BARE_CALL_API_KEY} when that is set; an event's top-level
 * {@code bareCalls} asks for that many in a row) and returns the event. The benchmark's "bare with the REST client"
 * baseline: its cold start, and (with the key, so the stand-in answers the hub's incident list as it answers the
 * bridge) its warm call.
 */
@Named("bare")
@ApplicationScoped // Quarkus looks the handler up for every event: one instance keeps the client (and its connection)
public class OneCallHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private Target target;
    /** Null: no header (the client leaves a null header parameter out). */
    private final String apiKey = System.getenv("BARE_CALL_API_KEY");

    /** Any URL: the call's answer is read and dropped. */
    public interface Target {
        @GET
        Response get(@HeaderParam("X-API-KEY") String apiKey);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if (target == null) {
            target = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(System.getenv("BARE_CALL_URL")))
                    .connectTimeout(5, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS).disableDefaultMapper(true)
                    .build(Target.class);
        }
        int calls = event.get("bareCalls") instanceof Number n ? n.intValue() : 1;
        for (int i = 0; i < calls; i++) {
            try (Response response = target.get(apiKey)) {
                response.readEntity(String.class);
            }
        }
        return event;
    }
}
