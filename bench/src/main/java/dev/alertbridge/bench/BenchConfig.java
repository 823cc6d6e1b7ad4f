package dev.alertbridge.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The bridge configuration the benchmark stores in Parameter Store, split as a team would keep it (docs/configuration.md):
 * secrets in a SecureString, services and links in a String.
 * <ul>
 * <li>{@value #ONE_SERVICE_ALARM} → one service through the Management API (cold start, warm cost, memory);
 * <li>{@value #FRESH_ALARMS}{@code *} → the same service (the warm phase's opens: a new alarm each time);
 * <li>{@value #HOOK_ALARM} → one service through its integration URL (memory run, the other delivery path);
 * <li>{@value #GROUP_ALERT} (Alertmanager) → checkout (the big group);
 * <li>{@code FanOut1}, {@code FanOut5}, {@code FanOut20} → 1, 5, 20 Management API services (fan-out);
 * <li>{@value #GROUP_ALERT_FAN_OUT} → the same 20 services with {@code "group": "alert"}: one incident naming them
 * all.
 * </ul>
 * The reconciliation phase stores its own ({@link #reconcileParameters}): a fleet's alarms, in {@code repair} mode;
 * so does the storm ({@link #stormParameters}): {@code "group": "service"}.
 */
final class BenchConfig {
    static final String API_KEY = "shk-bench-7f3a9c1e5b2d4f6a8c0e";
    static final String WEBHOOK_TOKEN = "whk-bench-2b4d6f8a0c1e3a5c7e9f";
    static final String HOOK_TOKEN = "bench598f3b0da9ba4738";
    static final String ONE_SERVICE_ALARM = "ServerCpuTooHigh";
    /** The StatusHub id of the one service ONE_SERVICE_ALARM is linked to (checkout). */
    static final long ONE_SERVICE_ID = 101;
    /** The warm phase's fresh alerts: alarms {@code WarmFresh-1}, {@code WarmFresh-2}…, linked as ONE_SERVICE_ALARM. */
    static final String FRESH_ALARMS = "WarmFresh-";
    static final String HOOK_ALARM = "WidgetLatency";
    /** The Alertmanager rule of the big group: every instance of it is its own alert on checkout. */
    static final String GROUP_ALERT = "CheckoutInstanceDown";
    static final int[] FAN_OUT = {1, 5, 20};
    /** One alarm on the 20 fan-out services with {@code "group": "alert"}. */
    static final String GROUP_ALERT_FAN_OUT = "FanOut20OneIncident";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchConfig() {
    }

    static String fanOutAlarm(int services) {
        return "FanOut" + services;
    }

    static Map<String, String> parameters(StatusHubStandIn statusHub) {
        ObjectNode secrets = JSON.createObjectNode();
        secrets.putObject("statushub").put("apiKey", API_KEY);
        secrets.put("webhookToken", WEBHOOK_TOKEN);

        ObjectNode links = JSON.createObjectNode();
        links.putObject("statushub").put("apiUrl", statusHub.apiUrl()).put("hub", "acme");
        ObjectNode services = links.putObject("services");
        services.putObject("checkout").put("name", "Checkout").put("serviceId", 101);
        services.putObject("widget").put("name", "Widget").put("hookUrl", statusHub.hookUrl(HOOK_TOKEN));
        int widest = FAN_OUT[FAN_OUT.length - 1];
        for (int i = 1; i <= widest; i++) {
            services.putObject(fanOutService(i)).put("name", "Fan-out service " + i).put("serviceId", 200 + i);
        }
        ArrayNode list = links.putArray("links");
        list.addObject().put("monitor", ONE_SERVICE_ALARM).put("escalationLevel", 1).putArray("services")
                .add("checkout");
        list.addObject().put("monitor", FRESH_ALARMS + "*").put("escalationLevel", 1).putArray("services")
                .add("checkout");
        list.addObject().put("monitor", HOOK_ALARM).putArray("services").add("widget");
        list.addObject().put("monitor", GROUP_ALERT).put("source", "alertmanager").putArray("services")
                .add("checkout");
        for (int n : FAN_OUT) {
            List<String> linked = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                linked.add(fanOutService(i));
            }
            ArrayNode names = list.addObject().put("monitor", fanOutAlarm(n)).putArray("services");
            linked.forEach(names::add);
            if (n == widest) {
                ArrayNode all = list.addObject().put("monitor", GROUP_ALERT_FAN_OUT).put("group", "alert")
                        .putArray("services");
                linked.forEach(all::add);
            }
        }

        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(ParameterStoreStandIn.PATH + "secrets", secrets.toString());
        parameters.put(ParameterStoreStandIn.PATH + "links", links.toString());
        return parameters;
    }

    /**
     * The reconciliation's configuration: each of {@link ReconcilePhase#FLEET}'s parts a link {@code fleet-<part>-*}
     * to its own Management API service (so each alarm in ALARM is one incident), {@code "reconcile": {"mode":
     * "repair"}}.
     */
    static Map<String, String> reconcileParameters(StatusHubStandIn statusHub) {
        Map<String, String> parameters = parameters(statusHub);
        ObjectNode links = JSON.createObjectNode();
        links.putObject("statushub").put("apiUrl", statusHub.apiUrl()).put("hub", "acme");
        ObjectNode services = links.putObject("services");
        ArrayNode list = links.putArray("links");
        for (int i = 0; i < ReconcilePhase.FLEET.size(); i++) {
            String part = ReconcilePhase.FLEET.get(i);
            services.putObject("fleet-" + part).put("name", "Fleet " + part).put("serviceId", 300 + i);
            list.addObject().put("monitor", "fleet-" + part + "-*").putArray("services").add("fleet-" + part);
        }
        links.putObject("reconcile").put("mode", "repair");
        parameters.put(ParameterStoreStandIn.PATH + "links", links.toString());
        return parameters;
    }

    /**
     * The storm's configuration: {@code "group": "service"} for the whole configuration, as a team that wants one
     * public incident per outage sets it; {@link StormPhase#SERVICE} linked by {@code checkout-*} (the storm's
     * alarms), and a warm-up service of its own linked by {@code warmup-*}.
     */
    static Map<String, String> stormParameters(StatusHubStandIn statusHub) {
        Map<String, String> parameters = parameters(statusHub);
        ObjectNode links = JSON.createObjectNode().put("group", "service");
        links.putObject("statushub").put("apiUrl", statusHub.apiUrl()).put("hub", "acme");
        ObjectNode services = links.putObject("services");
        services.putObject("checkout").put("name", "Checkout").put("serviceId", StormPhase.SERVICE);
        services.putObject("warmup").put("name", "Warm-up").put("serviceId", StormPhase.WARM_UP_SERVICE);
        ArrayNode list = links.putArray("links");
        list.addObject().put("monitor", "checkout-*").putArray("services").add("checkout");
        list.addObject().put("monitor", "warmup-*").putArray("services").add("warmup");
        parameters.put(ParameterStoreStandIn.PATH + "links", links.toString());
        return parameters;
    }

    private static String fanOutService(int i) {
        return String.format("fan-out-%02d", i);
    }
}
