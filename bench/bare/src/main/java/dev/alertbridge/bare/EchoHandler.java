package dev.alertbridge.bare;

import java.util.Map;

import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** Does nothing: returns the event it was given. The cold-start baseline of the benchmark. */
@Named("bare")
public class EchoHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return event;
    }
}
