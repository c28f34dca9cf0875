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
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** A misconfigured component stops the Spring Boot application from starting, and says which property to set. */
class SpringBootStartFailureTest {

    @Test
    void aMissingPrivateKeyFailsTheStartWithAMessageNamingTheProperty() throws Exception {
        SpringBootSandbox.leaveLoggingAlone();
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
            // What Spring Boot prints under "APPLICATION FAILED TO START", from the analyzer it loads from spring.factories.
            // (Analyzers that need Spring Boot's own constructor arguments are skipped here.)
            FailureAnalyzer analyzer = SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class,
                            SpringFactoriesLoader.ArgumentResolver.none(), SpringFactoriesLoader.FailureHandler.handleMessage((m, e) -> { }))
                    .stream()
                    .filter(AlipayPassFailureAnalyzer.class::isInstance).findFirst().orElseThrow();
            FailureAnalysis analysis = analyzer.analyze(failed);
            assertNotNull(analysis, "the analyzer recognises the failure");
            String report = analysis.getDescription() + "\n" + analysis.getAction();
            assertTrue(report.contains("camel.component.alipay-pass.private-key"), report);
            StringBuilder everything = new StringBuilder(report);
            for (Throwable c = failed; c != null; c = c.getCause()) {
                everything.append('\n').append(c);
            }
            assertFalse(everything.toString().contains(SpringBootSandbox.APP_AUTH_TOKEN), "no secret in the report or the exceptions");
            String otherKey = Files.readAllLines(sandbox.appBKey).get(1);
            assertFalse(everything.toString().contains(otherKey), "no key in the report or the exceptions");
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
