package io.alipass.camel.runner;

import io.alipass.camel.gateway.CertificateExpiry;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Health of certificate mode: DOWN once the app certificate or every Alipay certificate held has
 * expired, with a message naming the certificate; UP otherwise (a certificate that merely expires
 * soon is a warning in the log and the gauge, not an outage).
 */
final class CertificateHealthCheck extends AbstractHealthCheck {
    static final String ID = "alipass-certificates";

    private final CertificateExpiry expiry;

    CertificateHealthCheck(CertificateExpiry expiry) {
        super("alipass", ID);
        this.expiry = expiry;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        expiry.unusable().ifPresentOrElse(why -> builder.down().message(why), builder::up);
    }
}
