package io.alipass.camel.bench;

import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.ResponseVerifier;
import io.alipass.camel.gateway.SignType;
import io.alipass.camel.pass.PassUpdateReader;
import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The sandbox on 127.0.0.1 and one app, shared by both sides of every end-to-end figure: the same
 * app key (RSA 2048), the same Alipay key, the same passes, the same updates.
 *
 * <p>The sandbox stands in for Alipay's servers but shares our two cores, so its own cost is kept
 * low: its answer key is 1024 bits (signing with it costs about a sixth of a 2048-bit signature).
 * The app key, whose cost is the client's, stays 2048 bits as in production.
 */
final class BenchGateway implements AutoCloseable {
    static final String APP_ID = "2021000000000099";
    static final String CHANNEL = "2088000000000099";
    static final String TEMPLATE = "tpl-bench";

    final KeyPair app;
    final SandboxGateway sandbox;
    private final int passes;

    private BenchGateway(int passes) {
        this.app = rsa2048();
        this.passes = passes;
        this.sandbox = SandboxGateway.start(SandboxSettings.builder()
                .alipayKeyBits(1024)
                .recordedRequests(64)
                .workerThreads(8)
                .build());
        sandbox.registerApp(APP_ID, app.getPublic());
        sandbox.state().addTemplate(TEMPLATE, "{\"logo\":\"https://example.com/l.png\",\"content\":{\"title\":\"$title$\"}}");
        for (int i = 0; i < passes; i++) {
            sandbox.state().addPass(TEMPLATE, serial(i), CHANNEL, Map.of("title", "券标题"));
        }
    }

    static BenchGateway start(int passes) {
        return new BenchGateway(passes);
    }

    static KeyPair rsa2048() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String serial(int i) {
        return "bench-" + i;
    }

    /** The i-th update as it arrives on the queue: a template parameter change of an issued pass. */
    String update(int i) {
        return updateOf(serial(i % passes), i);
    }

    static String updateOf(String serial, int i) {
        return "{\"api\":\"instance.update\",\"serial_number\":\"" + serial + "\",\"channel_id\":\"" + CHANNEL
                + "\",\"tpl_params\":{\"title\":\"会员九折券 " + i + "\"}}";
    }

    /** The {@code biz_content} of the i-th update, as our enrich step writes it (for the SDK side). */
    String bizContent(int i) {
        return bizContentOf(serial(i % passes), i);
    }

    static String bizContentOf(String serial, int i) {
        return new PassUpdateReader(CHANNEL).read(updateOf(serial, i), null).bizContent();
    }

    GatewayProtocol protocol() {
        return GatewayProtocol.builder()
                .appId(APP_ID)
                .signer(new RequestSigner(app.getPrivate(), SignType.RSA2))
                .verifier(new ResponseVerifier(sandbox.alipayPublicKey()))
                .build();
    }

    /** The app private key as the SDK takes it: PKCS#8 DER in Base64. */
    String appPrivateKeyBase64() {
        return Base64.getEncoder().encodeToString(app.getPrivate().getEncoded());
    }

    void latency(Duration fixed) {
        sandbox.faults().reset().latency(fixed, Duration.ZERO);
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
