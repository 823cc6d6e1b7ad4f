package dev.alertbridge.statushub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** StatusHub's reason for a refusal, as a person reads it in a report: its words, never a secret. */
class RejectionReasonTest {

    @ParameterizedTest(name = "{0} reads ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"error": "Unprocessable Entity"}                             | Unprocessable Entity
            {"message": "no service 999", "error": "Unprocessable"}       | no service 999; Unprocessable
            {"errors": {"service_statuses": ["is invalid", "is empty"]}}  | service_statuses: is invalid; \
            service_statuses: is empty
            {"errors": ["title is too long"]}                             | title is too long
            {"code": 17}                                                  | {"code":17}
            {}                                                            | ``
            <html><body>403 Forbidden</body></html>                       | ``
            service not found                                             | service not found
            {"error": "key shk-live-7f3a9c1e5b2d4f6a8c0e is not allowed"} | key *** is not allowed
            {"error": "no hook at https://hooks.example/h/x?token=598f3b"} | no hook at https://hooks.example/h/x
            """)
    void aRefusalsBody_isReadForItsWords_withSecretsMasked(String body, String reason) {
        assertThat(RejectionReason.of(body)).isEqualTo(reason);
    }

    @Test
    void aLongReasonOverManyLines_isRead_asOneBoundedLine() {
        String reason = RejectionReason.of("{\"error\": \"line one\\nline two " + "x".repeat(500) + "\"}");
        assertThat(reason).startsWith("line one line two xxx").doesNotContain("\n").hasSizeLessThanOrEqualTo(301);
    }
}
