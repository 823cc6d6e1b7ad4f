package dev.alertbridge.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The function's HTTP neighbours for tests, on one WireMock server with a dynamic port: StatusHub (the stand-in)
 * and Parameter Store (AWS JSON 1.1, stubbed per test by {@link ParameterStore}). The SDK is pointed at it through
 * its standard endpoint override, as {@code AWS_ENDPOINT_URL_SSM} would in Lambda.
 */
public class Neighbours implements QuarkusTestResourceLifecycleManager {
    private static WireMockServer server;
    private static final StatusHubStandIn STATUS_HUB = new StatusHubStandIn();
    private static final CloudWatchStandIn CLOUDWATCH = new CloudWatchStandIn();

    @Override
    public Map<String, String> start() {
        LogCapture.install();
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().extensions(STATUS_HUB, CLOUDWATCH).containerThreads(40)
                    .asynchronousResponseEnabled(true));
            server.start();
        }
        System.setProperty("aws.endpointUrlSsm", server.baseUrl());
        // The SDK's standard override for CloudWatch (AWS_ENDPOINT_URL_CLOUDWATCH in Lambda).
        System.setProperty("aws.endpointUrlCloudWatch", server.baseUrl());
        System.setProperty("aws.region", "eu-west-1");
        System.setProperty("aws.accessKeyId", "AKIDTESTONLY");
        System.setProperty("aws.secretAccessKey", "test-secret-access-key");
        resetToDefaults();
        return Map.of("bridge.config.path", ParameterStore.PATH);
    }

    @Override
    public void stop() {
        // Shared by every test class of the run; the JVM's end stops it.
    }

    public static WireMockServer wireMock() {
        return server;
    }

    public static StatusHubStandIn statusHub() {
        return STATUS_HUB;
    }

    public static CloudWatchStandIn cloudWatch() {
        return CLOUDWATCH;
    }

    public static String baseUrl() {
        return server.baseUrl();
    }

    /** Forget requests and stubs; StatusHub empty; Parameter Store holding the standard configuration. */
    public static void resetToDefaults() {
        server.resetAll();
        STATUS_HUB.reset(TestConfig.API_KEY);
        CLOUDWATCH.reset();
        // Every CloudWatch operation (Smithy RPC v2 CBOR: one path per operation) reaches the stand-in.
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                urlPathMatching(CloudWatchStandIn.OPERATIONS + ".*")).atPriority(10)
                .willReturn(aResponse().withTransformers(CloudWatchStandIn.NAME)));
        server.stubFor(any(urlPathMatching("/(api/v3|hooks)/.*")).atPriority(10)
                .willReturn(aResponse().withTransformers(StatusHubStandIn.NAME)));
        ParameterStore.holds(TestConfig.standardDocuments());
    }
}
