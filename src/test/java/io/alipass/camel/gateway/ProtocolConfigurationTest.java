package io.alipass.camel.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A wrong key or an incomplete certificate setup fails when the protocol is built, naming the option, never the key. */
class ProtocolConfigurationTest {

    @Test
    void anAlipayPublicKeyThatIsTheAppsOwnIsRefused() {
        GatewayConfigurationException e = assertThrows(GatewayConfigurationException.class, () -> GatewayProtocol.builder()
                .appId("2021000000000001")
                .signer(new RequestSigner(TestKeys.APP.getPrivate(), SignType.RSA2))
                .verifier(new ResponseVerifier(TestKeys.APP.getPublic()))
                .build());

        assertTrue(e.getMessage().contains("app's own public key"), e.getMessage());
        assertFalse(e.getMessage().contains(TestKeys.base64(TestKeys.APP.getPublic()).substring(40, 80)));
    }

    @Test
    void aNonRsaAppKeyIsRefused() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        java.security.PrivateKey key = ec.generateKeyPair().getPrivate();

        GatewayConfigurationException e = assertThrows(GatewayConfigurationException.class,
                () -> new RequestSigner(key, SignType.RSA2));
        assertTrue(e.getMessage().contains("must be an RSA key"), e.getMessage());
    }

    @Test
    void verificationIsRequiredUnlessExplicitlyTurnedOff() {
        GatewayConfigurationException e = assertThrows(GatewayConfigurationException.class, () -> GatewayProtocol.builder()
                .appId("2021000000000001")
                .signer(new RequestSigner(TestKeys.APP.getPrivate(), SignType.RSA2))
                .build());

        assertTrue(e.getMessage().contains("alipay-public-key"), e.getMessage());
    }

    @Test
    void certificateModeNeedsTheAlipayCertificateAsWellAsTheAppCertificate() {
        GatewayConfigurationException e = assertThrows(GatewayConfigurationException.class, () -> GatewayProtocol.builder()
                .appId("2021000000000001")
                .signer(new RequestSigner(TestKeys.APP.getPrivate(), SignType.RSA2))
                .verifier(new ResponseVerifier(TestKeys.ALIPAY.getPublic()))
                .certificates(TestKeys.APP_CERT, List.of(TestKeys.ROOT))
                .build());

        assertTrue(e.getMessage().contains("certificate mode"), e.getMessage());
    }
}
