package io.alipass.camel.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.alipass.camel.gateway.CertificateSn;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serves {@code POST /sandbox/rotate-certificate}: switches the sandbox to a new Alipay certificate
 * (same root) and answers its serial number and expiry as JSON. {@code ?kind=UNTRUSTED} or
 * {@code ?kind=EXPIRED} rotates to a certificate a client must refuse, for tests.
 */
final class RotationHandler implements HttpHandler {
    static final String PATH = "/sandbox/rotate-certificate";

    private final SandboxGateway sandbox;

    RotationHandler(SandboxGateway sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            RotatedCertificate kind;
            try {
                kind = kind(exchange.getRequestURI().getQuery());
            } catch (IllegalArgumentException e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            X509Certificate cert = sandbox.rotateAlipayCertificate(kind);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("alipay_cert_sn", CertificateSn.of(cert));
            body.put("kind", kind.name());
            body.put("not_after", cert.getNotAfter().toInstant().toString());
            byte[] bytes = AnswerWriter.write(body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static RotatedCertificate kind(String query) {
        if (query == null || query.isBlank()) {
            return RotatedCertificate.TRUSTED;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("kind=")) {
                return RotatedCertificate.valueOf(pair.substring(5).toUpperCase(java.util.Locale.ROOT));
            }
        }
        return RotatedCertificate.TRUSTED;
    }
}
