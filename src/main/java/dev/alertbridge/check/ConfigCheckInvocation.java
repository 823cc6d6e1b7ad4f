package dev.alertbridge.check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.alertbridge.budget.Deadline;
import dev.alertbridge.config.BridgeSettings;
import dev.alertbridge.config.ConfigLoader;
import dev.alertbridge.reconcile.CloudWatchAlarmStates;
import dev.alertbridge.report.InvocationKind;
import dev.alertbridge.report.ReportLog;

/**
 * {@code {"bridge": "check"}} invoked on the deployed function: the configuration check of docs/operations.md, with the
 * function's own role and configuration path. Answers {@code {"check": "ok" | "problems", "problems": [...],
 * "notes": [...]}}; never a secret.
 */
@ApplicationScoped
public class ConfigCheckInvocation {
    private final ConfigLoader configs;
    private final ObjectMapper json;
    private final BridgeSettings settings;
    private final ReportLog log;
    private final CloudWatchAlarmStates alarms;

    public ConfigCheckInvocation(ConfigLoader configs, ObjectMapper json, BridgeSettings settings, ReportLog log,
            CloudWatchAlarmStates alarms) {
        this.configs = configs;
        this.json = json;
        this.settings = settings;
        this.log = log;
        this.alarms = alarms;
    }

    public Map<String, Object> run(Deadline deadline) {
        Optional<HubProbe> probe = settings.dryRun() ? Optional.empty()
                : Optional.of(new HubProbe(json, settings.statushub().apiKeyHeader()));
        // The function's own role asks CloudWatch, as late events and the reconciliation do.
        Optional<AlarmProbe> alarmProbe = settings.dryRun() ? Optional.empty()
                : Optional.of(new AlarmProbe(alarms));
        ConfigurationCheck.Result result = new ConfigurationCheck(json, probe, alarmProbe)
                .check(configs.documents(deadline.remaining()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("check", result.ok() ? "ok" : "problems");
        answer.put("problems", result.problems().stream().map(ConfigurationCheck.Problem::toString).toList());
        answer.put("notes", result.notes());
        log.outcome(InvocationKind.check(), 200, answer);
        return answer;
    }
}
