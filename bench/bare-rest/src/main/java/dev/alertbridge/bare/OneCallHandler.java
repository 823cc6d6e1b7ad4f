package dev.alertbridge.bare;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Named;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.Response;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * The floor of the bridge's stack: a Quarkus Lambda that makes one Quarkus REST-client call per event (a GET of
 * {@code BARE_CALL_URL}) and returns the event. The benchmark's "bare with the REST client" baseline.
 */
@Named("bare")
public class OneCallHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private Target target;

    /** Any URL: the call's answer is read and dropped. */
    public interface Target {
        @GET
        Response get();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if (target == null) {
            target = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(System.getenv("BARE_CALL_URL")))
                    .connectTimeout(5, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS).disableDefaultMapper(true)
                    .build(Target.class);
        }
        try (Response response = target.get()) {
            response.readEntity(String.class);
        }
        return event;
    }
}
