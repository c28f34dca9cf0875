package io.alipass.camel.route;

import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.ResponseVerifier;
import io.alipass.camel.gateway.SignType;
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
}
