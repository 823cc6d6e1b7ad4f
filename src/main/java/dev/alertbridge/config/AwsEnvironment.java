package dev.alertbridge.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.regions.Region;

/** Where the function's AWS calls (Parameter Store, CloudWatch) get their region and credentials. */
public final class AwsEnvironment {
    private AwsEnvironment() {
    }

    /** Lambda always sets AWS_REGION; elsewhere avoid the SDK's slow instance-metadata probe. */
    public static Region region() {
        for (String candidate : new String[] { System.getenv("AWS_REGION"), System.getenv("AWS_DEFAULT_REGION"),
                System.getProperty("aws.region") }) {
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
