package dev.alertbridge.handler;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.alertbridge.event.EventRouter;

/** Plain classes the handler needs, made once per execution environment. */
@ApplicationScoped
public class Beans {
    @Produces
    @Singleton
    EventRouter eventRouter() {
        return new EventRouter(EventRouter.LAMBDA_PAYLOAD_LIMIT);
    }

    /** The one clock the function reads time from. */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
