package dev.alertbridge.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.alert.EscalationTag;
import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.AwsEnvironment;
import dev.alertbridge.metrics.Counters;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmHistoryRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmHistoryResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * Reads alarm states with the SDK's CloudWatch client (DescribeAlarms, metric and composite alarms, every page).
 * The client is made on first use, so the alarm path's cold start never loads it; it honours
 * {@code AWS_ENDPOINT_URL_CLOUDWATCH} / {@code AWS_ENDPOINT_URL} like the Parameter Store client. Every call is
 * bounded by the time the invocation can give it.
 */
@ApplicationScoped
public class CloudWatchAlarmStates {
    /** DescribeAlarms returns at most 100 alarms a page. */
    private static final int PAGE = 100;
    /** 10,000 alarms (CloudWatch's default quota per region is far below): past that, stop rather than loop. */
    private static final int MAX_PAGES = 100;

    /** A week of an alarm's state changes is a few pages at most; past that, the oldest are not needed. */
    private static final int MAX_HISTORY_PAGES = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudWatchClient client;

    /** Unable to read alarm states (denied, throttled, unreachable, out of time). */
    public static class AlarmStatesUnavailableException extends RuntimeException {
        AlarmStatesUnavailableException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /**
     * CloudWatch refused the read ({@code AccessDenied}): the role lacks the permission, so no retry can help. The
     * message names the permission and the grant it needs; it is counted as {@code CloudWatchReadsDenied}.
     */
    public static final class AlarmStatesDeniedException extends AlarmStatesUnavailableException {
        private final String permission;

        AlarmStatesDeniedException(String permission, String grant) {
            super("CloudWatch refused " + permission + " (AccessDenied): " + grant, null);
            this.permission = permission;
        }

        /** The action refused, e.g. {@code cloudwatch:DescribeAlarms}. */
        public String permission() {
            return permission;
        }
    }

    /**
     * Every alarm of this account and region, metric and composite, once each, every page.
     *
     * @param alarms in DescribeAlarms' order
     * @param complete every page was read (false past {@value #MAX_PAGES} pages: a missing alarm may then exist)
     */
    public record Listing(List<AlarmState> alarms, boolean complete) {
    }

    /** Every alarm there is (not only the links' prefixes: the reconciliation tells deleted alarms by absence). */
    public Listing all(Duration within) {
        Deadline deadline = deadline(within);
        Map<String, AlarmState> found = new LinkedHashMap<>();
        String nextToken = null;
        int pages = 0;
        do {
            DescribeAlarmsResponse page = describe(DescribeAlarmsRequest.builder().maxRecords(PAGE)
                    .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM).nextToken(nextToken), deadline);
            page.metricAlarms().forEach(a -> found.putIfAbsent(a.alarmArn(), of(a)));
            page.compositeAlarms().forEach(a -> found.putIfAbsent(a.alarmArn(), of(a)));
            nextToken = page.nextToken();
        } while (nextToken != null && !nextToken.isEmpty() && ++pages < MAX_PAGES);
        return new Listing(new ArrayList<>(found.values()), nextToken == null || nextToken.isEmpty());
    }

    /** One alarm by name, as it is now. */
    public Optional<AlarmState> named(String name, Duration within) {
        DescribeAlarmsResponse page = describe(DescribeAlarmsRequest.builder().alarmNames(name)
                .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM), deadline(within));
        return page.metricAlarms().stream().map(CloudWatchAlarmStates::of).findFirst()
                .or(() -> page.compositeAlarms().stream().map(CloudWatchAlarmStates::of).findFirst());
    }

    /**
     * The alarm's state changes between {@code from} and {@code until}, newest first (DescribeAlarmHistory,
     * {@code StateUpdate} items, metric and composite alarms), as far as {@value #MAX_HISTORY_PAGES} pages reach.
     */
    public List<StateUpdate> history(String name, Instant from, Instant until, Duration within) {
        Deadline deadline = deadline(within);
        List<StateUpdate> updates = new ArrayList<>();
        String nextToken = null;
        int pages = 0;
        do {
            DescribeAlarmHistoryRequest.Builder request = DescribeAlarmHistoryRequest.builder().alarmName(name)
                    .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM)
                    .historyItemType(HistoryItemType.STATE_UPDATE).startDate(from).endDate(until)
                    .scanBy(ScanBy.TIMESTAMP_DESCENDING).maxRecords(PAGE).nextToken(nextToken);
            DescribeAlarmHistoryResponse page = bounded("the alarm's history", "DescribeAlarmHistory", deadline,
                    left -> client().describeAlarmHistory(request
                            .overrideConfiguration(call -> call.apiCallTimeout(left)).build()));
            page.alarmHistoryItems().stream().map(CloudWatchAlarmStates::stateUpdate).flatMap(Optional::stream)
                    .forEach(updates::add);
            nextToken = page.nextToken();
        } while (nextToken != null && !nextToken.isEmpty() && ++pages < MAX_HISTORY_PAGES);
        updates.sort((a, b) -> b.at().compareTo(a.at()));
        return updates;
    }

    /** A history item's state change: its {@code HistoryData} names the old and the new state. */
    private static Optional<StateUpdate> stateUpdate(AlarmHistoryItem item) {
        if (item.timestamp() == null || item.historyData() == null) {
            return Optional.empty();
        }
        try {
            JsonNode data = JSON.readTree(item.historyData());
            String from = data.path("oldState").path("stateValue").asText("");
            String to = data.path("newState").path("stateValue").asText("");
            return from.isEmpty() || to.isEmpty() ? Optional.empty()
                    : Optional.of(new StateUpdate(millis(item.timestamp()), from, to));
        } catch (JsonProcessingException e) {
            return Optional.empty(); // an item AWS wrote in another shape tells nothing about states
        }
    }

    private DescribeAlarmsResponse describe(DescribeAlarmsRequest.Builder request, Deadline deadline) {
        return bounded("alarm states", "DescribeAlarms", deadline,
                left -> client().describeAlarms(request.overrideConfiguration(call -> call.apiCallTimeout(left))
                        .build()));
    }

    /** A read's share of the invocation's time, from now: every call of the read asks it first. */
    private static Deadline deadline(Duration within) {
        return Deadline.in(within, Clock.systemUTC());
    }

    /** One call of the client, bounded by the time left; what went wrong as an {@link AlarmStatesUnavailableException}. */
    private static <T> T bounded(String what, String operation, Deadline deadline, Function<Duration, T> call) {
        Duration left = deadline.forCall()
                .orElseThrow(() -> new AlarmStatesUnavailableException("no time left to read " + what, null));
        try {
            return call.apply(left);
        } catch (AwsServiceException e) {
            if (denied(e)) {
                Counters.increment(Counters.Count.CLOUDWATCH_READS_DENIED);
                throw new AlarmStatesDeniedException("cloudwatch:" + operation, grantNeeded(operation));
            }
            throw new AlarmStatesUnavailableException("could not read " + what + " (" + operation + "): "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            // The SDK's messages name the endpoint and AWS's error, never a secret of ours.
            throw new AlarmStatesUnavailableException("could not read " + what + " (" + operation + "): "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * AWS's refusal for want of a permission. CloudWatch is query-compatible: the SDK takes the code from the
     * {@code x-amzn-query-error} header ({@code AccessDenied}), else from the error's type.
     */
    private static boolean denied(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return "AccessDenied".equals(code) || "AccessDeniedException".equals(code)
                || code != null && code.endsWith("#AccessDeniedException");
    }

    /** What the role needs, in the words of the template's statements. */
    private static String grantNeeded(String operation) {
        return operation.equals("ListTagsForResource")
                ? "the alarm function's role needs it on this account's alarms (the template's ReadAlarmTags)"
                : "the alarm function's role needs it granted on \"*\" (the template's ReadAlarmStates): AWS "
                        + "answers a request for composite alarms only to a grant on \"*\", never to one scoped "
                        + "to alarms";
    }

    /**
     * The alarm's escalation level from its tags ({@code escalation_level}, {@code EscalationLevel}…, as alarm events
     * carry them), 1 when it has none.
     *
     * @throws AlarmStatesUnavailableException when the tags cannot be read (denied, throttled, out of time)
     */
    public int escalationLevel(String arn, Duration within) {
        return escalationLevel(tags(arn, within));
    }

    /**
     * The escalation level these tags give an alarm, 1 when they say none.
     *
     * @throws AlarmStatesUnavailableException when its tag is not 1, 2 or 3
     */
    public static int escalationLevel(Map<String, String> tags) {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (EscalationTag.isEscalationTag(tag.getKey())) {
                return EscalationTag.level(tag.getValue()).orElseThrow(() -> new AlarmStatesUnavailableException(
                        "alarm tag " + tag.getKey() + " is not 1, 2 or 3", null));
            }
        }
        return 1;
    }

    /**
     * The alarm's tags, key to value, as ListTagsForResource answers them now (one call; {@link AlarmTags} keeps
     * them for a while).
     *
     * @throws AlarmStatesUnavailableException when the tags cannot be read (denied, throttled, out of time)
     */
    public Map<String, String> tags(String arn, Duration within) {
        List<Tag> tags = bounded("alarm tags", "ListTagsForResource", deadline(within),
                left -> client().listTagsForResource(ListTagsForResourceRequest.builder().resourceARN(arn)
                        .overrideConfiguration(call -> call.apiCallTimeout(left)).build()).tags());
        Map<String, String> byKey = new LinkedHashMap<>();
        tags.forEach(tag -> byKey.put(tag.key(), tag.value()));
        return byKey;
    }

    private static AlarmState of(MetricAlarm alarm) {
        return state(alarm.alarmName(), alarm.alarmArn(), alarm.stateValueAsString(),
                alarm.stateTransitionedTimestamp(), alarm.stateUpdatedTimestamp(), alarm.stateReason(), false);
    }

    private static AlarmState of(CompositeAlarm alarm) {
        String suppressedBy = alarm.actionsSuppressedByAsString();
        return state(alarm.alarmName(), alarm.alarmArn(), alarm.stateValueAsString(),
                alarm.stateTransitionedTimestamp(), alarm.stateUpdatedTimestamp(), alarm.stateReason(),
                suppressedBy != null && !suppressedBy.isEmpty());
    }

    /** The two alarm types share these fields but no interface: since when the state holds, its reason. */
    private static AlarmState state(String name, String arn, String value, Instant transitioned, Instant updated,
            String reason, boolean suppressed) {
        return new AlarmState(name, arn, value, millis(transitioned != null ? transitioned : updated),
                reason == null ? "" : reason, suppressed);
    }

    /**
     * To the nearest millisecond, as alarm events state it: the wire carries epoch seconds as a floating-point
     * number, and the episode's identity is the alarm's ARN plus this time.
     */
    private static Instant millis(Instant time) {
        return time == null ? null : Instant.ofEpochMilli(time.plusNanos(500_000).toEpochMilli());
    }

    /**
     * The executor that times each call's {@code apiCallTimeout}. The SDK's own keeps a cancelled timeout queued until
     * it would have fired: with the invocation's time budget as the timeout, back-to-back events in one environment
     * kept hundreds of finished calls' timers on the heap (315 in the benchmark's memory phase; none with this one).
     */
    private static ScheduledExecutorService timeouts() {
        ScheduledThreadPoolExecutor timeouts = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "cloudwatch-call-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        timeouts.setRemoveOnCancelPolicy(true);
        return timeouts;
    }

    private synchronized CloudWatchClient client() {
        if (client == null) {
            client = CloudWatchClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                    .region(AwsEnvironment.region()).credentialsProvider(AwsEnvironment.credentials())
                    .overrideConfiguration(o -> o.scheduledExecutorService(timeouts()))
                    .build();
        }
        return client;
    }
}
