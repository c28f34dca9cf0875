package io.alipass.camel.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alipass.camel.component.AlipayPassConfigurationException;
import io.alipass.camel.springboot.passsync.PassSyncApplication;
import java.nio.file.Files;
import org.apache.camel.FailedToStartRouteException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A misconfigured component stops the Spring Boot application from starting, and says which property to set. */
@ExtendWith(OutputCaptureExtension.class)
class SpringBootStartFailureTest {

    @Test
    void aMissingPrivateKeyFailsTheStartWithAMessageNamingTheProperty(CapturedOutput output) throws Exception {
        try (SpringBootSandbox sandbox = new SpringBootSandbox()) {
            SpringApplicationBuilder app = new SpringApplicationBuilder(PassSyncApplication.class);
            FailedToStartRouteException failed = assertThrows(FailedToStartRouteException.class, () -> app.run(
                    "--spring.config.location=classpath:/springboot/",
                    "--passsync.broker-id=17",
                    "--sandbox.url=" + sandbox.gateway.url(),
                    "--sandbox.alipay-public-key=" + sandbox.gateway.alipayPublicKeyPath(),
                    "--sandbox.app-a-private-key=",
                    "--sandbox.app-b-private-key=" + sandbox.appBKey));
            AlipayPassConfigurationException cause = causeOf(failed);
            assertNotNull(cause, "the route did not start because of the component's option");
            assertEquals("pass-updates", failed.getRouteId());
            assertEquals("privateKey", cause.option());
            String report = output.getAll();
            assertTrue(report.contains("APPLICATION FAILED TO START"), report);
            assertTrue(report.contains("camel.component.alipay-pass.private-key"), "the report names the property");
            assertFalse(report.contains(SpringBootSandbox.APP_AUTH_TOKEN), "the report shows no secret");
            String otherKey = Files.readAllLines(sandbox.appBKey).get(1);
            assertFalse(report.contains(otherKey), "the report shows no key");
        }
    }

    private static AlipayPassConfigurationException causeOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof AlipayPassConfigurationException e) {
                return e;
            }
        }
        return null;
    }
}
