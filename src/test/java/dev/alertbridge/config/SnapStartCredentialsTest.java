package dev.alertbridge.config;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * A SnapStart environment has no AWS key variables: Lambda hands out the role's credentials through the container
 * credentials endpoint instead. The Parameter Store read must be signed with those, not sent anonymously.
 */
class SnapStartCredentialsTest {
    private static final List<String> PROPERTIES = List.of("aws.accessKeyId", "aws.secretAccessKey",
            "aws.sessionToken", "aws.endpointUrlSsm", "aws.region", "aws.containerCredentialsFullUri",
            "aws.containerAuthorizationToken");

    private final Map<String, String> saved = new HashMap<>();
    private WireMockServer lambda;

    @BeforeEach
    void snapStartEnvironment() {
        assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null, "key variables in this shell would win");
        PROPERTIES.forEach(name -> saved.put(name, System.clearProperty(name)));
        lambda = new WireMockServer(options().dynamicPort());
        lambda.start();
        lambda.stubFor(get("/2018-06-01/credentials").willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody("""
                        {"AccessKeyId":"ASIASNAPSTARTROLE","SecretAccessKey":"role-secret","Token":"role-session",
                         "Expiration":"2099-01-01T00:00:00Z"}""")));
        lambda.stubFor(post("/").willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("""
                        {"Parameters":[{"Name":"/statushub-bridge/links","Type":"String","Value":"{}"}]}""")));
        System.setProperty("aws.region", "eu-west-1");
        System.setProperty("aws.endpointUrlSsm", lambda.baseUrl());
        System.setProperty("aws.containerCredentialsFullUri", lambda.baseUrl() + "/2018-06-01/credentials");
        System.setProperty("aws.containerAuthorizationToken", "container-token");
    }

    @AfterEach
    void restore() {
        if (lambda != null) {
            lambda.stop();
        }
        saved.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    @Test
    void theParameterStoreReadIsSignedWithTheContainerCredentials() {
        List<ConfigDocument> documents = new ParameterStoreDocuments("/statushub-bridge/")
                .read(Duration.ofSeconds(10));

        assertThat(documents).extracting(ConfigDocument::name).containsExactly("/statushub-bridge/links");
        lambda.verify(getRequestedFor(urlEqualTo("/2018-06-01/credentials"))
                .withHeader("Authorization", equalTo("container-token")));
        LoggedRequest read = lambda.findAll(postRequestedFor(urlEqualTo("/"))).get(0);
        assertThat(read.getHeader("Authorization")).contains("Credential=ASIASNAPSTARTROLE/");
        assertThat(read.getHeader("X-Amz-Security-Token")).isEqualTo("role-session");
    }
}
