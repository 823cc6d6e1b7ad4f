package dev.alertbridge.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.alertbridge.budget.Deadline;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;

/**
 * Reads every parameter under the configuration path (recursive, SecureStrings decrypted, all pages) as one
 * configuration document each: {@code GetParametersByPath} over AWS JSON 1.1, signed by the SDK's own SigV4 signer
 * with the SDK's own credential providers, sent with the JDK's HTTP connection. Not the SDK's SSM client: its
 * thousand-odd classes were most of the first event's cost, for one operation. The endpoint follows the SDK's
 * {@code AWS_ENDPOINT_URL_SSM} / {@code AWS_ENDPOINT_URL} overrides (and their system properties). Every read is
 * bounded by the time the invocation can give it, retries included: each attempt asks its {@link Deadline} first.
 */
public final class ParameterStoreDocuments implements ConfigSource {
    /** GetParametersByPath returns at most 10 per page. */
    private static final int PAGE_SIZE = 10;
    /** One attempt's bound, so a hung connection leaves time for a retry within the call's bound. */
    private static final Duration ATTEMPT = Duration.ofSeconds(3);
    private static final int ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String path;
    private AwsCredentialsProvider credentials;

    public ParameterStoreDocuments(String path) {
        String trimmed = path.trim();
        this.path = trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }

    @Override
    public List<ConfigDocument> read(Duration within) {
        List<ConfigDocument> documents = new ArrayList<>();
        Deadline deadline = Deadline.in(within, Clock.systemUTC());
        String nextToken = null;
        do {
            JsonNode page = call(request(nextToken), deadline, within);
            for (JsonNode parameter : page.path("Parameters")) {
                documents.add(new ConfigDocument(parameter.path("Name").asText(), parameter.path("Value").asText()));
            }
            nextToken = page.path("NextToken").asText("");
        } while (!nextToken.isEmpty());
        if (documents.isEmpty()) {
            throw new ConfigValidationException(path, "$", "no parameters found under this Parameter Store path");
        }
        return documents;
    }

    private String request(String nextToken) {
        ObjectNode body = JSON.createObjectNode().put("Path", path).put("Recursive", true).put("WithDecryption", true)
                .put("MaxResults", PAGE_SIZE);
        if (nextToken != null) {
            body.put("NextToken", nextToken);
        }
        return body.toString();
    }

    /**
     * One page, retried on throttling, 5xx and broken connections while the time allows. A loop, not SmallRye Fault
     * Tolerance's Guard as for StatusHub: this read also serves the configuration check's command, which runs outside
     * the function's CDI container, where the Guard has no implementation.
     */
    private JsonNode call(String body, Deadline deadline, Duration within) {
        String last = "no attempt";
        int attempt = 0;
        for (; attempt < ATTEMPTS; attempt++) {
            Optional<Duration> timeout = deadline.forCall(ATTEMPT);
            if (timeout.isEmpty()) {
                break;
            }
            try {
                Answer answer = send(body, timeout.get());
                if (answer.status() == 200) {
                    return JSON.readTree(answer.body());
                }
                last = problem(answer);
                if (!retryable(answer)) {
                    throw new ConfigUnavailableException("could not read Parameter Store path " + path + ": " + last,
                            null);
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName(); // its message may name the endpoint only, but keep it short
            } catch (SdkException e) {
                throw new ConfigUnavailableException("could not read Parameter Store path " + path + ": "
                        + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
            if (attempt + 1 < ATTEMPTS) {
                pause(Duration.ofMillis(100L << attempt), deadline);
            }
        }
        throw new ConfigUnavailableException("could not read Parameter Store path " + path + (attempt == ATTEMPTS
                ? " in " + ATTEMPTS + " attempts: "
                : " within " + within.toMillis()
                        + " ms (the invocation's remaining time): ")
                + last, null);
    }

    private record Answer(int status, String body, String errorType) {
    }

    private Answer send(String body, Duration timeout) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        URI endpoint = endpoint();
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AmazonSSM.GetParametersByPath").build();
        SdkHttpRequest request = sign(unsigned, bytes);
        HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
        try {
            connection.setRequestMethod("POST");
            connection.setConnectTimeout((int) Math.max(1, timeout.toMillis()));
            connection.setReadTimeout((int) Math.max(1, timeout.toMillis()));
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(bytes.length);
            for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                if (!name.equals("host") && !name.equals("content-length")) {
                    connection.setRequestProperty(header.getKey(), String.join(",", header.getValue()));
                }
            }
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
            int status = connection.getResponseCode();
            InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(status, text, connection.getHeaderField("X-Amzn-ErrorType"));
        } finally {
            connection.disconnect();
        }
    }

    /** SigV4 by the SDK's signer; unsigned when the chain ends anonymous (local stand-ins). */
    private SdkHttpRequest sign(SdkHttpRequest request, byte[] body) {
        AwsCredentials identity = credentialsProvider().resolveCredentials();
        if (identity == null || identity.accessKeyId() == null) {
            return request;
        }
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ssm")
                .putProperty(AwsV4HttpSigner.REGION_NAME, AwsEnvironment.region().id()));
        return signed.request();
    }

    /** "ThrottlingException: Rate exceeded (HTTP 400)", from the AWS JSON error body. */
    private static String problem(Answer answer) {
        String type = answer.errorType() == null ? "" : answer.errorType();
        String message = "";
        try {
            JsonNode error = JSON.readTree(answer.body());
            type = type.isEmpty() ? error.path("__type").asText("") : type;
            message = error.path("message").asText(error.path("Message").asText(""));
        } catch (IOException e) {
            // not JSON: the status says enough
        }
        type = type.contains("#") ? type.substring(type.indexOf('#') + 1) : type.replaceAll(":.*", "");
        return (type.isEmpty() ? "error" : type) + (message.isEmpty() ? "" : ": " + message) + " (HTTP "
                + answer.status() + ")";
    }

    private static boolean retryable(Answer answer) {
        String text = (answer.errorType() == null ? "" : answer.errorType()) + answer.body();
        return answer.status() >= 500 || answer.status() == 429 || text.contains("Throttling");
    }

    private static void pause(Duration wait, Deadline deadline) {
        long nanos = Math.min(wait.toNanos(), deadline.remaining().toNanos());
        if (nanos > 0) {
            try {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The SDK's endpoint overrides, service-specific first; else the regional endpoint. */
    private static URI endpoint() {
        for (String candidate : new String[] { System.getProperty("aws.endpointUrlSsm"),
                System.getenv("AWS_ENDPOINT_URL_SSM"), System.getProperty("aws.endpointUrl"),
                System.getenv("AWS_ENDPOINT_URL") }) {
            if (candidate != null && !candidate.isBlank()) {
                return URI.create(candidate.trim().replaceAll("/+$", "") + "/");
            }
        }
        Region region = AwsEnvironment.region();
        String domain = region.id().startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return URI.create("https://ssm." + region.id() + "." + domain + "/");
    }

    private synchronized AwsCredentialsProvider credentialsProvider() {
        if (credentials == null) {
            credentials = AwsEnvironment.credentials();
        }
        return credentials;
    }
}
