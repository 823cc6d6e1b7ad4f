package dev.alertbridge.handler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jboss.logging.MDC;

import com.amazonaws.services.lambda.runtime.Context;

import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.BridgeSettings;

/**
 * One invocation's clock: when it started, and the deadline its work must end by (Lambda's, less the margin kept to
 * write the report; the local budget when the runtime gives none). While it runs, every log line carries its
 * request id (the JSON log's {@code mdc.AWSRequestId}), whichever runtime calls the function. The function's ARN
 * says its account and region (null where the runtime gives none).
 */
record Invocation(Instant now, Deadline deadline, String functionArn) {

    static final String REQUEST_ID = "AWSRequestId";

    static Invocation start(Context context, BridgeSettings settings, Clock clock) {
        if (context != null && context.getAwsRequestId() != null) {
            MDC.put(REQUEST_ID, context.getAwsRequestId());
        }
        long remaining = context == null ? 0 : context.getRemainingTimeInMillis();
        Duration budget = remaining > 0 ? Duration.ofMillis(remaining) : settings.localBudget();
        Duration usable = budget.minus(settings.statushub().reportMargin());
        return new Invocation(clock.instant(), Deadline.in(usable.isNegative() ? Duration.ZERO : usable, clock),
                context == null ? null : context.getInvokedFunctionArn());
    }

    void end() {
        MDC.remove(REQUEST_ID);
    }
}
