package dev.alertbridge.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * Reads every parameter under the configuration path (recursive, SecureStrings decrypted, all pages) as one
 * configuration document each. The endpoint follows the SDK's own {@code AWS_ENDPOINT_URL_SSM} /
 * {@code AWS_ENDPOINT_URL} overrides. Every read is bounded by the time the invocation can give it: the SDK's call
 * timeout (its retries included) is cut from it, page by page, and a call past it is abandoned.
 */
public final class ParameterStoreDocuments implements ConfigSource {
    /** GetParametersByPath returns at most 10 per page. */
    private static final int PAGE_SIZE = 10;
    /** One attempt's bound, so a hung connection leaves time for the SDK's retry within the call's bound. */
    private static final Duration ATTEMPT = Duration.ofSeconds(3);
    /** Below this a call cannot complete: fail at once rather than time out. */
    private static final Duration SHORTEST_USEFUL_CALL = Duration.ofMillis(50);

    private final String path;
    private SsmClient client;

    public ParameterStoreDocuments(String path) {
        String trimmed = path.trim();
        this.path = trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }

    @Override
    public List<ConfigDocument> read(Duration within) {
        List<ConfigDocument> documents = new ArrayList<>();
        long end = System.nanoTime() + within.toNanos();
        try {
            String nextToken = null;
            do {
                Duration left = Duration.ofNanos(end - System.nanoTime());
                if (left.compareTo(SHORTEST_USEFUL_CALL) < 0) {
                    throw new ConfigUnavailableException("could not read Parameter Store path " + path + " within "
                            + within.toMillis() + " ms (the invocation's remaining time)", null);
                }
                GetParametersByPathResponse page = client().getParametersByPath(GetParametersByPathRequest.builder()
                        .path(path).recursive(true).withDecryption(true).maxResults(PAGE_SIZE)
                        .nextToken(nextToken)
                        .overrideConfiguration(call -> call.apiCallTimeout(left)
                                .apiCallAttemptTimeout(left.compareTo(ATTEMPT) < 0 ? left : ATTEMPT))
                        .build());
                for (Parameter parameter : page.parameters()) {
                    documents.add(new ConfigDocument(parameter.name(), parameter.value()));
                }
                nextToken = page.nextToken();
            } while (nextToken != null && !nextToken.isEmpty());
        } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
            throw new ConfigUnavailableException("could not read Parameter Store path " + path + " within "
                    + within.toMillis() + " ms (the invocation's remaining time): no answer in time", e);
        } catch (SdkException e) {
            throw new ConfigUnavailableException("could not read Parameter Store path " + path + ": "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        if (documents.isEmpty()) {
            throw new ConfigValidationException(path, "$", "no parameters found under this Parameter Store path");
        }
        return documents;
    }

    /** Created on first use, not at start-up: a configuration from a file never needs it. */
    private synchronized SsmClient client() {
        if (client == null) {
            client = SsmClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .region(region())
                    .credentialsProvider(credentials())
                    .build();
        }
        return client;
    }

    /** Lambda always sets AWS_REGION; elsewhere avoid the SDK's slow instance-metadata probe. */
    public static Region region() {
        for (String candidate : new String[] {System.getenv("AWS_REGION"), System.getenv("AWS_DEFAULT_REGION"),
                System.getProperty("aws.region")}) {
            if (candidate != null && !candidate.isBlank()) {
                return Region.of(candidate.trim());
            }
        }
        return Region.US_EAST_1;
    }

    /**
     * The SDK's own providers, in the default chain's order minus its slow instance-metadata probe: Lambda's
     * environment variables; system properties; the container endpoint, which is where a SnapStart environment gets
     * its credentials (it has no key variables); a local profile; anonymous last, for local stand-ins.
     */
    public static AwsCredentialsProvider credentials() {
        List<AwsCredentialsProvider> chain = new ArrayList<>(List.of(EnvironmentVariableCredentialsProvider.create(),
                SystemPropertyCredentialsProvider.create()));
        if (isSet(SdkSystemSetting.AWS_CONTAINER_CREDENTIALS_FULL_URI)
                || isSet(SdkSystemSetting.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI)) {
            chain.add(ContainerCredentialsProvider.builder().build());
        }
        if (Files.exists(Path.of(System.getProperty("user.home"), ".aws"))) {
            chain.add(ProfileCredentialsProvider.create());
        }
        chain.add(AnonymousCredentialsProvider.create());
        return AwsCredentialsProviderChain.builder().credentialsProviders(chain).reuseLastProviderEnabled(true)
                .build();
    }

    private static boolean isSet(SdkSystemSetting setting) {
        return setting.getStringValue().filter(value -> !value.isBlank()).isPresent();
    }
}
