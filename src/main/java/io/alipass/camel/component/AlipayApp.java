package io.alipass.camel.component;

import io.alipass.camel.gateway.AdaptiveCallRate;
import io.alipass.camel.gateway.CertificateReader;
import io.alipass.camel.gateway.GatewayConfigurationException;
import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.GatewayTransport;
import io.alipass.camel.gateway.KeyReader;
import io.alipass.camel.gateway.RequestCharset;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.ResponseVerifier;
import io.alipass.camel.gateway.SignType;
import io.alipass.camel.pass.PassApi;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One endpoint's Alipay app, resolved from its {@link AlipayPassConfiguration} when the endpoint
 * starts: the protocol (keys, certificates), the transport and call rate it shares with the app's
 * other endpoints, and the enrich, sign and verify processors the producer composes. Every problem is
 * an {@link AlipayPassConfigurationException} naming the option.
 */
record AlipayApp(GatewayProtocol protocol, GatewayTransport transport, AdaptiveCallRate callRate,
                 EnrichProcessor enrich, SigningProcessor signing, GatewayResponseProcessor response,
                 boolean throwExceptionOnFailure) {

    /** The endpoint paths, one per API, and {@code update} for records that name their API. */
    static final String INSTANCE_UPDATE = "instance-update";
    static final String TEMPLATE_UPDATE = "template-update";
    static final String UPDATE = "update";

    static AlipayApp resolve(AlipayPassComponent component, String api, AlipayPassConfiguration c) {
        GatewayMethod method;
        boolean fixed;
        switch (api == null ? "" : api) {
            case INSTANCE_UPDATE -> {
                method = GatewayMethod.PASS_INSTANCE_UPDATE;
                fixed = true;
            }
            case TEMPLATE_UPDATE -> {
                method = GatewayMethod.PASS_TEMPLATE_UPDATE;
                fixed = true;
            }
            case UPDATE -> {
                method = blank(c.getDefaultApi()) ? null : PassApi.named(c.getDefaultApi().trim()).orElseThrow(() ->
                        new AlipayPassConfigurationException("defaultApi", "must be " + PassApi.ACCEPTED + " or empty, was '" + c.getDefaultApi() + "'"));
                fixed = false;
            }
            default -> throw new AlipayPassConfigurationException("api", "must be " + INSTANCE_UPDATE + ", " + TEMPLATE_UPDATE
                    + " or " + UPDATE + " (alipay-pass:instance-update), was '" + api + "'");
        }
        GatewayTransport transport = transport(component, c);
        // Certificate downloads after Alipay rotates its certificate go through the app's own pool.
        GatewayProtocol shared = component.resolvedProtocolFor(c);
        GatewayProtocol protocol = c.getProtocol() != null ? c.getProtocol() : shared != null ? shared : protocol(c, transport);
        AdaptiveCallRate rate = component.callRate(c.getGatewayUrl().trim(), protocol.appId(), c.getRateLimit());
        OutcomeListener listener = c.getOutcomeListener() != null ? c.getOutcomeListener() : OutcomeListener.NONE;
        return new AlipayApp(protocol, transport, rate,
                new EnrichProcessor(blank(c.getChannelId()) ? null : c.getChannelId().trim(), method, fixed),
                new SigningProcessor(protocol), new GatewayResponseProcessor(protocol, listener), c.isThrowExceptionOnFailure());
    }

    /** The protocol these options describe (the configured one, or one built from keys and certificates), checked. */
    static GatewayProtocol protocol(AlipayPassComponent component, AlipayPassConfiguration c) {
        GatewayTransport transport = transport(component, c);
        return c.getProtocol() != null ? c.getProtocol() : protocol(c, transport);
    }

    /** Whether two sets of options describe the same app, reached the same way (every option a protocol is built from). */
    static boolean sameApp(AlipayPassConfiguration a, AlipayPassConfiguration b) {
        return Objects.equals(a.getGatewayUrl(), b.getGatewayUrl()) && Objects.equals(a.getAppId(), b.getAppId())
                && Objects.equals(a.getSignType(), b.getSignType()) && Objects.equals(a.getCharset(), b.getCharset())
                && Objects.equals(a.getPrivateKey(), b.getPrivateKey())
                && Objects.equals(a.getPrivateKeyPassword(), b.getPrivateKeyPassword())
                && Objects.equals(a.getAlipayPublicKey(), b.getAlipayPublicKey())
                && Objects.equals(a.getAppCert(), b.getAppCert()) && Objects.equals(a.getAlipayCert(), b.getAlipayCert())
                && Objects.equals(a.getAlipayRootCert(), b.getAlipayRootCert())
                && Objects.equals(a.getCertificateCacheDir(), b.getCertificateCacheDir())
                && a.isVerifyResponse() == b.isVerifyResponse() && Objects.equals(a.getAppAuthToken(), b.getAppAuthToken())
                && Objects.equals(a.getSigningProvider(), b.getSigningProvider())
                && GatewayCallSettings.of(a).equals(GatewayCallSettings.of(b)) && a.getTransport() == b.getTransport()
                && a.getProtocol() == b.getProtocol();
    }

    /** The connection options, checked, and the transport they lead to (shared by endpoints that connect alike). */
    private static GatewayTransport transport(AlipayPassComponent component, AlipayPassConfiguration c) {
        String url = c.getGatewayUrl();
        if (blank(url) || !url.startsWith("https://") && !url.startsWith("http://")) {
            throw new AlipayPassConfigurationException("gatewayUrl", "must start with https:// (or http:// for a local sandbox), was '" + url + "'");
        }
        try {
            if (java.net.URI.create(url).getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
        } catch (IllegalArgumentException e) {
            // Checked here, once, rather than failing (and dead-lettering) every update at its call.
            throw new AlipayPassConfigurationException("gatewayUrl", "must be a URL with a host name, such as"
                    + " https://openapi.alipay.com/gateway.do, was '" + url + "'");
        }
        atLeast("connectTimeout", c.getConnectTimeout(), 1);
        atLeast("readTimeout", c.getReadTimeout(), 1);
        atLeast("maxConnections", c.getMaxConnections(), 1);
        if (!(c.getRateLimit() >= 0) || Double.isInfinite(c.getRateLimit())) {
            throw new AlipayPassConfigurationException("rateLimit", "must be 0 (no limit) or more, was " + c.getRateLimit());
        }
        return c.getTransport() != null ? c.getTransport() : component.transport(GatewayCallSettings.of(c));
    }

    private static GatewayProtocol protocol(AlipayPassConfiguration c, GatewayTransport transport) {
        if (blank(c.getAppId())) {
            throw new AlipayPassConfigurationException("appId", "is required");
        }
        if (c.getPrivateKey() == null || c.getPrivateKey() instanceof String s && s.isBlank()) {
            throw new AlipayPassConfigurationException("privateKey", "is required to sign requests (a file path, the key text or a #bean PrivateKey)");
        }
        SignType signType = option("signType", () -> SignType.fromWire(c.getSignType()));
        RequestCharset charset = option("charset", () -> RequestCharset.fromWire(c.getCharset()));
        PrivateKey key = option("privateKey", () -> c.getPrivateKey() instanceof PrivateKey k ? k
                : KeyReader.privateKey(c.getPrivateKey().toString(),
                        c.getPrivateKeyPassword() == null ? null : c.getPrivateKeyPassword().toCharArray()));
        Provider provider = signingProvider(c.getSigningProvider());
        RequestSigner signer = option("privateKey", () -> provider == null ? new RequestSigner(key, signType) : new RequestSigner(key, signType, provider));
        GatewayProtocol.Builder b = GatewayProtocol.builder()
                .appId(c.getAppId().trim())
                .signer(signer)
                .charset(charset)
                .appAuthToken(blank(c.getAppAuthToken()) ? null : c.getAppAuthToken().trim())
                .verifyResponses(c.isVerifyResponse());
        boolean certificateMode = c.getAppCert() != null || c.getAlipayCert() != null || c.getAlipayRootCert() != null;
        if (certificateMode) {
            String missing = c.getAppCert() == null ? "appCert" : c.getAlipayCert() == null ? "alipayCert" : c.getAlipayRootCert() == null ? "alipayRootCert" : null;
            if (missing != null) {
                throw new AlipayPassConfigurationException(missing, "is required: certificate mode needs appCert, alipayCert and alipayRootCert together");
            }
            if (c.getAlipayPublicKey() != null) {
                throw new AlipayPassConfigurationException("alipayPublicKey", "must be empty in certificate mode (alipayCert carries Alipay's key)");
            }
            X509Certificate appCert = option("appCert", () -> certificates(c.getAppCert()).get(0));
            List<X509Certificate> alipayCert = option("alipayCert", () -> certificates(c.getAlipayCert()));
            List<X509Certificate> root = option("alipayRootCert", () -> certificates(c.getAlipayRootCert()));
            b.certificates(appCert, root);
            option("alipayCert", () -> b.alipayCertificates(alipayCert));
            b.certificateDownloads(transport)
                    .certificateCacheDir(blank(c.getCertificateCacheDir()) ? null : java.nio.file.Path.of(c.getCertificateCacheDir().trim()));
        } else if (c.getAlipayPublicKey() != null) {
            PublicKey alipay = option("alipayPublicKey", () -> c.getAlipayPublicKey() instanceof PublicKey k ? k
                    : KeyReader.publicKey(c.getAlipayPublicKey().toString()));
            b.verifier(option("alipayPublicKey", () -> new ResponseVerifier(alipay).refuseAppKey(key)));
        } else if (c.isVerifyResponse()) {
            throw new AlipayPassConfigurationException("alipayPublicKey", "is required to verify responses (or configure certificate mode,"
                    + " or set verifyResponse=false for a gateway that does not sign)");
        }
        return option("appId", b::build);
    }

    private static Provider signingProvider(Object configured) {
        if (configured == null || configured instanceof String s && s.isBlank()) {
            return null;
        }
        if (configured instanceof Provider p) {
            return p;
        }
        Provider p = Security.getProvider(configured.toString().trim());
        if (p == null) {
            throw new AlipayPassConfigurationException("signingProvider", "names no registered JCA provider: '" + configured + "'");
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    private static List<X509Certificate> certificates(Object configured) {
        if (configured instanceof X509Certificate cert) {
            return List.of(cert);
        }
        if (configured instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(X509Certificate.class::isInstance)) {
            return (List<X509Certificate>) list;
        }
        List<X509Certificate> read = CertificateReader.certificates(configured.toString());
        if (read.isEmpty()) {
            throw new GatewayConfigurationException("holds no certificate");
        }
        return read;
    }

    private static <T> T option(String name, Supplier<T> action) {
        try {
            return action.get();
        } catch (AlipayPassConfigurationException e) {
            throw e;
        } catch (GatewayConfigurationException | IllegalArgumentException e) {
            // The core's messages name the source (a path or "inline text"), never key material.
            throw new AlipayPassConfigurationException(name, "cannot be used: " + e.getMessage(), e);
        }
    }

    private static void atLeast(String name, long value, long min) {
        if (value < min) {
            throw new AlipayPassConfigurationException(name, "must be at least " + min + ", was " + value);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
