package io.alipass.camel.route;

import io.alipass.camel.component.AlipayPassConfiguration;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.ResponseVerifier;
import io.alipass.camel.gateway.SignType;
import java.io.IOException;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

/** Key pairs generated once per test JVM: the app's and a stand-in for Alipay's (they must differ). */
final class TestKeys {
    static final KeyPair APP = generate();
    static final KeyPair ALIPAY = generate();

    private TestKeys() {
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A protocol for app 2021000000000001 that trusts the given Alipay key. */
    static GatewayProtocol protocol(java.security.PublicKey alipayPublicKey) {
        return GatewayProtocol.builder()
                .appId("2021000000000001")
                .signer(new RequestSigner(APP.getPrivate(), SignType.RSA2))
                .verifier(new ResponseVerifier(alipayPublicKey))
                .build();
    }

    /**
     * The test app's options with a gateway URL on a loopback port that was free a moment ago, so every
     * connection is refused for real; one-second timeouts.
     */
    static AlipayPassConfiguration appOnAClosedPort() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        AlipayPassConfiguration app = new AlipayPassConfiguration();
        app.setProtocol(protocol(ALIPAY.getPublic()));
        app.setGatewayUrl("http://127.0.0.1:" + closedPort + "/gateway.do");
        app.setChannelId("2088000000000001");
        app.setConnectTimeout(1000);
        app.setReadTimeout(1000);
        return app;
    }
}
