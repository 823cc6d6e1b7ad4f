package dev.alertbridge.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Parameter Store as the SDK sees it: {@code AmazonSSM.GetParametersByPath} over AWS JSON 1.1. */
public final class ParameterStore {
    public static final String PATH = "/statushub-bridge/";
    static final String TARGET = "AmazonSSM.GetParametersByPath";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ParameterStore() {
    }

    /** One stored parameter. */
    public record Parameter(String name, String type, String value) {
    }

    /** Every read of the path returns these parameters, in one page. */
    public static void holds(List<Parameter> parameters) {
        Neighbours.wireMock().stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .atPriority(5).willReturn(page(parameters, null)));
    }

    /** The parameters come in two pages joined by a NextToken, as GetParametersByPath pages do. */
    public static void holdsInTwoPages(List<Parameter> first, List<Parameter> second) {
        Neighbours.wireMock().stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .atPriority(5).willReturn(page(first, "page-2-token")));
        Neighbours.wireMock().stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .withRequestBody(containing("page-2-token")).atPriority(4).willReturn(page(second, null)));
    }

    /** Parameter Store answers every read with this status and AWS error type. */
    public static void fails(int status, String errorType) {
        Neighbours.wireMock().stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .atPriority(3).willReturn(aResponse().withStatus(status)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withHeader("X-Amzn-ErrorType", errorType)
                        .withBody("{\"__type\":\"" + errorType + "\",\"message\":\"Rate exceeded\"}")));
    }

    /** Parameter Store accepts the connection and does not answer for this long. */
    public static void hangs(int millis) {
        Neighbours.wireMock().stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .atPriority(2).willReturn(aResponse().withStatus(200).withFixedDelay(millis)
                        .withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{\"Parameters\":[]}")));
    }

    public static int reads() {
        return Neighbours.wireMock().findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(TARGET))).size();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder page(List<Parameter> parameters,
            String nextToken) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("Parameters");
        for (Parameter p : parameters) {
            list.addObject().put("Name", p.name()).put("Type", p.type()).put("Value", p.value()).put("Version", 1)
                    .put("ARN", "arn:aws:ssm:eu-west-1:123456789012:parameter" + p.name()).put("DataType", "text");
        }
        if (nextToken != null) {
            body.put("NextToken", nextToken);
        }
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(body.toString());
    }
}
