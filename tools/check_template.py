#!/usr/bin/env python3
"""Checks the stack that `sam deploy` really builds from template.yaml, not only the template.

Runs the SAM translator (the Python module `samtranslator`, installed with cfn-lint; the same library the SAM CLI
runs) on template.yaml, the way `sam package` leaves it (CodeUri an S3 URI), once with the defaults and once with
every optional part switched on or off, and fails unless the translated stack has:
  - both public Function URL permissions when FunctionUrlAuthType is NONE, on the published alias;
  - every trigger (EventBridge rule, SNS subscription, alarm action, Function URL) on an alias;
  - the alarm rule leaving out the stack's own alarms (<stack>-...), or matching AlarmNamePrefix ignoring case;
  - webhooks and alarms on separate functions (separate concurrency);
  - log groups wired through LoggingConfig, made by the stack;
  - reserved concurrency that can be left out;
  - the alarm function allowed to read alarm states and histories on "*" (DescribeAlarms, DescribeAlarmHistory:
    AWS refuses composite alarms to a narrower grant) and tags on this account's alarms only (ListTagsForResource);
  - the reconciliation on its own alias (`reconcile`) with its own failure destination (ReconcileFailedEvents), its
    schedule carrying the rule's embedded links when there are some;
  - HeartbeatAlarm only with HeartbeatMinutes above 0: Heartbeats below 1 over that many minutes, missing data
    breaching, notifying NotificationTopicArn;
  - the Dashboard only with DashboardEnabled: a body that is valid JSON once CloudFormation substituted it, naming
    only metrics the function emits (tools/metric-names.txt, which OperationsTest holds to the metrics line) in the
    bridge's namespace and the stack's dimension, and showing events by source and outcome, transitions, StatusHub
    failures, rejections and rate limiting, reconciliation findings and heartbeats.
Usage: python3 tools/check_template.py [template.yaml]   (exit 0 when every check holds)
"""
import copy
import json
import os
import re
import sys

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse

REGION = {"AWS::Region": "eu-west-1", "AWS::AccountId": "123456789012", "AWS::Partition": "aws"}
STACK = "acme-bridge"
NAMESPACE = "StatusHubAlertBridge"
METRIC_NAMES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "metric-names.txt")
# What the dashboard must show (issue 38): every other metric it names must still be one the function emits.
DASHBOARD_MUST_SHOW = ["Events", "TransitionsCreated", "TransitionsUpdated", "TransitionsUnchanged",
                       "TransitionsSkipped", "TransitionsFailed", "StatusHubFailures", "StatusHubRejections",
                       "StatusHubRateLimited", "ReconcileFindings", "Heartbeats"]


class NoManagedPolicies:
    """The template names no AWS managed policy by name, so nothing needs looking up."""

    def load(self):
        return {}


def packaged(template):
    """What `sam package` hands to CloudFormation: local CodeUri replaced by an S3 location."""
    template = copy.deepcopy(template)
    function_globals = template.get("Globals", {}).get("Function", {})
    if isinstance(function_globals.get("CodeUri"), str):
        function_globals["CodeUri"] = "s3://bucket/function.zip"
    for resource in template["Resources"].values():
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(
                resource.get("Properties", {}).get("CodeUri"), str):
            resource["Properties"]["CodeUri"] = "s3://bucket/function.zip"
    return template


def translate(template, parameters):
    os.environ.setdefault("AWS_DEFAULT_REGION", REGION["AWS::Region"])
    values = dict(REGION)
    values.update(parameters)
    return transform(packaged(template), values, NoManagedPolicies())


def resolve_conditions(stack, parameters, template):
    """Evaluates the stack's conditions for these parameter values (Equals, Not, Or, And over Ref)."""
    defaults = {name: p.get("Default", "") for name, p in template.get("Parameters", {}).items()}
    defaults.update(parameters)

    def value(node):
        if isinstance(node, dict) and "Ref" in node:
            return str(defaults.get(node["Ref"], ""))
        if isinstance(node, dict) and "Condition" in node:
            return evaluate(stack["Conditions"][node["Condition"]])
        return node if not isinstance(node, (int, float)) else str(node)

    def evaluate(node):
        (op, args), = node.items()
        if op == "Fn::Equals":
            return value(args[0]) == value(args[1])
        if op == "Fn::Not":
            return not evaluate(args[0]) if isinstance(args[0], dict) and "Condition" not in args[0] \
                else not value(args[0])
        if op == "Fn::Or":
            return any(evaluate(a) if "Condition" not in a else value(a) for a in args)
        if op == "Fn::And":
            return all(evaluate(a) if "Condition" not in a else value(a) for a in args)
        raise ValueError("condition function not handled: " + op)

    return {name: evaluate(node) for name, node in stack.get("Conditions", {}).items()}


def present(stack, conditions):
    """The resources CloudFormation would create under these conditions."""
    return {name: r for name, r in stack["Resources"].items()
            if "Condition" not in r or conditions[r["Condition"]]}


def resolved(node, conditions):
    """Applies Fn::If with the evaluated conditions; drops AWS::NoValue."""
    if isinstance(node, dict):
        if "Fn::If" in node:
            cond, yes, no = node["Fn::If"]
            return resolved(yes if conditions[cond] else no, conditions)
        out = {}
        for key, val in node.items():
            val = resolved(val, conditions)
            if val != {"Ref": "AWS::NoValue"}:
                out[key] = val
        return out
    if isinstance(node, list):
        return [resolved(v, conditions) for v in node]
    return node


def of_type(resources, kind):
    return {name: r for name, r in resources.items() if r["Type"] == kind}


def is_alias_ref(node, resources):
    """A Ref to an AWS::Lambda::Alias (or the alias ARN attribute)."""
    if isinstance(node, dict) and "Ref" in node:
        return resources.get(node["Ref"], {}).get("Type") == "AWS::Lambda::Alias"
    return False


def check(template, parameters, problems, label):
    stack = translate(template, parameters)
    conditions = resolve_conditions(stack, parameters, template)
    resources = {name: resolved(r, conditions) for name, r in present(stack, conditions).items()}
    auth = parameters.get("FunctionUrlAuthType", template["Parameters"]["FunctionUrlAuthType"]["Default"])

    def problem(text):
        problems.append(f"[{label}] {text}")

    functions = of_type(resources, "AWS::Lambda::Function")
    urls = of_type(resources, "AWS::Lambda::Url")
    permissions = of_type(resources, "AWS::Lambda::Permission")
    if len(urls) != 1:
        problem(f"expected one Function URL, found {len(urls)}")
    for name, url in urls.items():
        if not is_alias_ref(url["Properties"]["TargetFunctionArn"], resources):
            problem(f"{name} does not target a published alias")
    url_function = None
    for url in urls.values():
        alias = resources[url["Properties"]["TargetFunctionArn"]["Ref"]]
        url_function = alias["Properties"]["FunctionName"]["Ref"]
    if auth == "NONE":
        invoke_url = [p for p in permissions.values() if p["Properties"]["Action"] == "lambda:InvokeFunctionUrl"
                      and p["Properties"].get("Principal") == "*"
                      and p["Properties"].get("FunctionUrlAuthType") == "NONE"
                      and is_alias_ref(p["Properties"]["FunctionName"], resources)]
        invoke_fn = [p for p in permissions.values() if p["Properties"]["Action"] == "lambda:InvokeFunction"
                     and p["Properties"].get("Principal") == "*"
                     and p["Properties"].get("InvokedViaFunctionUrl") is True
                     and is_alias_ref(p["Properties"]["FunctionName"], resources)]
        if len(invoke_url) != 1:
            problem(f"public URL: expected one lambda:InvokeFunctionUrl permission for *, found {len(invoke_url)}")
        if len(invoke_fn) != 1:
            problem("public URL: expected one lambda:InvokeFunction permission for * with InvokedViaFunctionUrl, "
                    f"found {len(invoke_fn)}")
    else:
        public = [n for n, p in permissions.items() if p["Properties"].get("Principal") == "*"]
        if public:
            problem(f"AWS_IAM URL but public permissions exist: {public}")

    for name, p in permissions.items():
        if not is_alias_ref(p["Properties"]["FunctionName"], resources):
            problem(f"permission {name} is not on a published alias")
    for name, rule in of_type(resources, "AWS::Events::Rule").items():
        for target in rule["Properties"]["Targets"]:
            if not is_alias_ref(target["Arn"], resources):
                problem(f"rule {name} target {target['Id']} is not a published alias")
    prefix = parameters.get("AlarmNamePrefix", "")
    for name, rule in of_type(resources, "AWS::Events::Rule").items():
        pattern = rule["Properties"].get("EventPattern", {})
        if "CloudWatch Alarm State Change" not in json.dumps(pattern):
            continue
        names = pattern.get("detail", {}).get("alarmName")
        expected = [{"prefix": {"equals-ignore-case": {"Ref": "AlarmNamePrefix"}}}] if prefix else \
            [{"anything-but": {"prefix": {"Fn::Sub": "${AWS::StackName}-"}}}]
        if names != expected:
            problem(f"rule {name} matches alarmName {json.dumps(names)}: expected {json.dumps(expected)} (the "
                    "stack's own alarms left out; a prefix matched ignoring case)")
    for name, sub in of_type(resources, "AWS::SNS::Subscription").items():
        if not is_alias_ref(sub["Properties"]["Endpoint"], resources):
            problem(f"SNS subscription {name} is not on a published alias")
    alarm_functions = set()
    for p in permissions.values():
        if p["Properties"]["Principal"] in ("events.amazonaws.com", "lambda.alarms.cloudwatch.amazonaws.com",
                                            "sns.amazonaws.com"):
            alias = resources[p["Properties"]["FunctionName"]["Ref"]]
            alarm_functions.add(alias["Properties"]["FunctionName"]["Ref"])
    if not alarm_functions:
        problem("no alarm trigger found")
    if url_function in alarm_functions:
        problem("the Function URL and the alarm triggers share one function (and its concurrency)")
    if len(alarm_functions) > 1:
        problem(f"alarm triggers spread over several functions: {sorted(alarm_functions)}")

    for fn in alarm_functions:
        role = functions[fn]["Properties"].get("Role", {})
        target = role.get("Fn::GetAtt") if isinstance(role, dict) else None
        role_name = (target.split(".")[0] if isinstance(target, str) else target[0]) if target else None
        actions = set()
        on_everything = set()
        for policy in resources.get(role_name, {}).get("Properties", {}).get("Policies", []):
            for statement in policy["PolicyDocument"]["Statement"]:
                if statement.get("Effect") != "Allow":
                    continue
                action = statement.get("Action", [])
                action = [action] if isinstance(action, str) else action
                actions.update(action)
                resource = statement.get("Resource", [])
                if "*" in ([resource] if not isinstance(resource, list) else resource):
                    on_everything.update(action)
        for needed in ("cloudwatch:DescribeAlarms", "cloudwatch:DescribeAlarmHistory",
                       "cloudwatch:ListTagsForResource"):
            if needed not in actions:
                problem(f"{fn}'s role does not allow {needed} (late events and the reconciliation read alarm "
                        "states, histories and tags)")
        # AWS answers a request naming composite alarms (every call of the bridge) only to a grant on "*".
        for needed in ("cloudwatch:DescribeAlarms", "cloudwatch:DescribeAlarmHistory"):
            if needed in actions and needed not in on_everything:
                problem(f"{fn}'s role allows {needed} only on some resources: AWS refuses composite alarms to a "
                        "grant narrower than \"*\"")
        if "cloudwatch:ListTagsForResource" in on_everything or "cloudwatch:*" in on_everything:
            problem(f"{fn}'s role allows cloudwatch:ListTagsForResource on \"*\": keep it on this account's alarms")

    log_groups = of_type(resources, "AWS::Logs::LogGroup")
    for name, function in functions.items():
        logging = function["Properties"].get("LoggingConfig", {})
        group = logging.get("LogGroup")
        if not (isinstance(group, dict) and group.get("Ref") in log_groups):
            problem(f"{name} does not log through LoggingConfig to a log group of the stack")
        elif "RetentionInDays" not in log_groups[group["Ref"]]["Properties"]:
            problem(f"{name}'s log group keeps logs forever (no RetentionInDays)")
        if function["Properties"].get("SnapStart", {}).get("ApplyOn") != "PublishedVersions":
            problem(f"{name} has no SnapStart on published versions")
        if function["Properties"].get("Runtime") != "java21":
            problem(f"{name} does not run java21")
    for name, group in log_groups.items():
        group_name = json.dumps(group["Properties"].get("LogGroupName"))
        if "/aws/lambda/" in group_name:
            problem(f"log group {name} uses Lambda's own name, which the SnapStart init can create first")

    check_reconciliation(resources, parameters, problem)
    check_heartbeat(resources, parameters, template, problem)
    check_dashboard(resources, parameters, template, problem)
    reserved = {name: f["Properties"].get("ReservedConcurrentExecutions") for name, f in functions.items()}
    return reserved


def check_reconciliation(resources, parameters, problem):
    """The schedule targets the `reconcile` alias, whose failures go to ReconcileFailedEvents, not FailedEvents."""
    schedule = resources.get("ReconcileSchedule")
    if schedule is None:
        problem("no ReconcileSchedule")
        return
    target = schedule["Properties"]["Targets"][0]
    alias = resources.get(target["Arn"].get("Ref"), {}) if isinstance(target["Arn"], dict) else {}
    if alias.get("Type") != "AWS::Lambda::Alias" or alias["Properties"].get("Name") != "reconcile":
        problem("ReconcileSchedule does not target the alarm function's `reconcile` alias")
    configs = [c for c in of_type(resources, "AWS::Lambda::EventInvokeConfig").values()
               if c["Properties"].get("Qualifier") == "reconcile"]
    destinations = [c["Properties"].get("DestinationConfig", {}).get("OnFailure", {}).get("Destination")
                    for c in configs]
    if destinations != [{"Fn::GetAtt": ["ReconcileFailedEvents", "Arn"]}]:
        problem(f"the reconcile alias's failures do not go to ReconcileFailedEvents: {destinations}")
    embeds = bool(parameters.get("EmbeddedLinksParameter")) and parameters.get("EventBridgeAlarmRule") != "false"
    carried = "resolve:ssm" in json.dumps(target.get("Input", ""))
    if embeds != carried:
        problem("the schedule's input " + ("does not carry" if embeds else "carries") + " the rule's embedded links")


def parameter(parameters, template, name):
    return str(parameters.get(name, template["Parameters"][name].get("Default", "")))


def check_heartbeat(resources, parameters, template, problem):
    """HeartbeatAlarm: present only when HeartbeatMinutes > 0; no heartbeat in that many minutes breaches."""
    minutes = int(parameter(parameters, template, "HeartbeatMinutes"))
    alarm = resources.get("HeartbeatAlarm")
    if minutes == 0:
        if alarm is not None:
            problem("HeartbeatAlarm exists with HeartbeatMinutes 0 (off)")
        return
    if alarm is None or alarm["Type"] != "AWS::CloudWatch::Alarm":
        problem(f"no HeartbeatAlarm with HeartbeatMinutes {minutes}")
        return
    props = alarm["Properties"]

    def number(node):
        return minutes if node == {"Ref": "HeartbeatMinutes"} else int(node)

    expected = {"Namespace": NAMESPACE, "MetricName": "Heartbeats", "Statistic": "Sum", "Threshold": 1,
                "ComparisonOperator": "LessThanThreshold", "TreatMissingData": "breaching",
                "Dimensions": [{"Name": "Stack", "Value": {"Ref": "AWS::StackName"}}]}
    for key, value in expected.items():
        if props.get(key) != value:
            problem(f"HeartbeatAlarm {key} is {json.dumps(props.get(key))}, expected {json.dumps(value)}")
    period, evaluations = int(props.get("Period", 0)), number(props.get("EvaluationPeriods", 0))
    datapoints = number(props.get("DatapointsToAlarm", evaluations))
    if period * evaluations != minutes * 60 or datapoints != evaluations:
        problem(f"HeartbeatAlarm looks at {datapoints} of {evaluations} periods of {period} s: expected every "
                f"period of {minutes} minutes to breach (below 1 over the whole time)")
    topic = parameters.get("NotificationTopicArn", "")
    actions = props.get("AlarmActions")
    if topic and actions != [{"Ref": "NotificationTopicArn"}]:
        problem(f"HeartbeatAlarm does not notify NotificationTopicArn: {json.dumps(actions)}")


def emitted_metrics():
    with open(METRIC_NAMES) as f:
        return {line.strip() for line in f if line.strip() and not line.startswith("#")}


def dashboard_body(resources, problem):
    """The dashboard's body as CloudFormation hands it to CloudWatch: Fn::Sub applied, then parsed as JSON."""
    body = resources["Dashboard"]["Properties"].get("DashboardBody")
    text = body.get("Fn::Sub") if isinstance(body, dict) else body
    if not isinstance(text, str):
        problem(f"Dashboard body is not a string or an Fn::Sub of one: {json.dumps(body)[:80]}")
        return None
    text = text.replace("${AWS::StackName}", STACK).replace("${AWS::Region}", REGION["AWS::Region"])
    if "${" in text:
        problem("Dashboard body substitutes something other than AWS::StackName and AWS::Region: "
                + text[text.index("${"):][:40])
    try:
        return json.loads(text)
    except ValueError as e:
        problem(f"Dashboard body is not valid JSON: {e}")
        return None


def dashboard_metrics(body, problem):
    """Each metric a widget names: (name, dimensions); a SEARCH expression gives its MetricName and schema."""
    named = []
    for widget in body.get("widgets", []):
        props = widget.get("properties", {})
        if widget.get("type") == "metric" and props.get("region") != REGION["AWS::Region"]:
            problem(f"widget '{props.get('title')}' shows region {props.get('region')}, not the stack's")
        for metric in props.get("metrics", []):
            options = metric[-1] if metric and isinstance(metric[-1], dict) else {}
            if "expression" in options:
                search = re.fullmatch(r"SEARCH\('\{([^}]*)\}((?:[^'\\]|\\.)*)', '(\w+)', (\d+)\)",
                                      options["expression"])
                if not search:
                    problem(f"widget '{props.get('title')}': expression not understood: {options['expression']}")
                    continue
                schema = search.group(1).split(",")
                terms = dict(re.findall(r'(\w+)="([^"]*)"', search.group(2)))
                if schema[0] != NAMESPACE:
                    problem(f"widget '{props.get('title')}' searches namespace {schema[0]}")
                named.append((terms.get("MetricName"), {"Stack": terms.get("Stack"), "schema": sorted(schema[1:])}))
                continue
            strings = [part for part in metric if isinstance(part, str)]
            if len(strings) < 2 or len(strings) % 2:
                problem(f"widget '{props.get('title')}': metric not understood: {metric}")
                continue
            if strings[0] != NAMESPACE:
                problem(f"widget '{props.get('title')}' names namespace {strings[0]}")
            named.append((strings[1], dict(zip(strings[2::2], strings[3::2]))))
    return named


def check_dashboard(resources, parameters, template, problem):
    """The Dashboard: only when DashboardEnabled; every metric it names is one the function emits, as it emits it."""
    enabled = parameter(parameters, template, "DashboardEnabled") == "true"
    if not enabled:
        if "Dashboard" in resources:
            problem("Dashboard exists with DashboardEnabled false")
        return
    if resources.get("Dashboard", {}).get("Type") != "AWS::CloudWatch::Dashboard":
        problem("no Dashboard (AWS::CloudWatch::Dashboard) with DashboardEnabled true")
        return
    body = dashboard_body(resources, problem)
    if body is None:
        return
    emitted = emitted_metrics()
    named = dashboard_metrics(body, problem)
    for name, dimensions in named:
        if name not in emitted:
            problem(f"the dashboard names metric {name}, which the function does not emit ({METRIC_NAMES})")
        elif name == "Events":
            # Events carries Stack, Source and Outcome: one series per source and outcome.
            if dimensions.get("schema") != ["Outcome", "Source", "Stack"] or dimensions.get("Stack") != STACK:
                problem(f"the dashboard shows Events by {dimensions}: expected a search by Stack={STACK}, Source "
                        "and Outcome")
        elif dimensions != {"Stack": STACK}:
            problem(f"the dashboard shows {name} by {dimensions}: the function emits it by Stack only")
    missing = [name for name in DASHBOARD_MUST_SHOW if name not in {n for n, _ in named}]
    if missing:
        problem(f"the dashboard does not show {missing}")


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "template.yaml"
    with open(path) as f:
        template = yaml_parse(f.read())
    problems = []
    check(template, {}, problems, "defaults")
    check(template, {"FunctionUrlAuthType": "AWS_IAM", "AlarmTopicArn": "arn:aws:sns:eu-west-1:123456789012:alarms",
                     "EmbeddedLinksParameter": "/statushub-bridge-rule/links:3", "AlarmNamePrefix": "prod-"},
          problems, "AWS_IAM, SNS, embedded links")
    unreserved = check(template, {"AlarmReservedConcurrency": "", "WebhookReservedConcurrency": "0"}, problems,
                       "no reserved concurrency")
    if any(value is not None for value in unreserved.values()):
        problems.append(f"[no reserved concurrency] still reserved: {unreserved}")
    reserved = check(template, {"AlarmReservedConcurrency": "2", "WebhookReservedConcurrency": "20"}, problems,
                     "reserved concurrency")
    if sorted(str(v.get("Ref") if isinstance(v, dict) else v) for v in reserved.values()) != \
            ["AlarmReservedConcurrency", "WebhookReservedConcurrency"]:
        problems.append(f"[reserved concurrency] expected each function reserved by its parameter: {reserved}")
    # Parameter Store allows 40 calls/s per account and Region; every cold environment of either function reads the
    # configuration once, one GetParametersByPath call per 10 parameters. The defaults must bound a cold burst of
    # both functions within it for a configuration of up to 30 parameters (3 calls per read).
    defaults = [template["Parameters"][name]["Default"] for name in
                ("AlarmReservedConcurrency", "WebhookReservedConcurrency")]
    if not all(str(d).isdigit() and int(d) > 0 for d in defaults):
        problems.append(f"[defaults] both functions must be reserved by default, so a cold burst is bounded: "
                        f"{defaults}")
    elif sum(int(d) for d in defaults) * 3 > 40:
        problems.append(f"[defaults] reserved concurrency {defaults} lets a cold burst exceed Parameter Store's "
                        "40 calls/s with 3 calls per read")
    check(template, {"HeartbeatMinutes": "15", "DashboardEnabled": "true",
                     "NotificationTopicArn": "arn:aws:sns:eu-west-1:123456789012:ops"}, problems,
          "heartbeat alarm, dashboard")
    one_path = {"EventBridgeAlarmRule": "false", "AlarmTopicArn": "arn:aws:sns:eu-west-1:123456789012:alarms"}
    check(template, one_path, problems, "SNS only")
    stack = translate(template, one_path)
    conditions = resolve_conditions(stack, one_path, template)
    alarm_rules = [name for name, r in of_type(present(stack, conditions), "AWS::Events::Rule").items()
                   if "CloudWatch Alarm State Change" in json.dumps(r.get("Properties", {}).get("EventPattern", {}))]
    if alarm_rules:
        problems.append(f"[SNS only] EventBridgeAlarmRule false still builds {alarm_rules}: every transition twice")
    if problems:
        print("translated template: %d problem(s)" % len(problems))
        for p in problems:
            print("  - " + p)
        return 1
    print("translated template: URL permissions, aliases, separate functions, LoggingConfig, optional reserved "
          "concurrency (defaults within Parameter Store's 40 calls/s), one delivery path when asked, alarm reads "
          "allowed (states on *, tags on alarms), the reconciliation's own alias and failure queue, the heartbeat "
          "alarm and the dashboard (emitted metrics only) when asked - all hold (6 parameter sets)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
