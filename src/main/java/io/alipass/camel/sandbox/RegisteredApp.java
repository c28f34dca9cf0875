package io.alipass.camel.sandbox;

import io.alipass.camel.gateway.BizContentCipher;
import io.alipass.camel.gateway.ResponseVerifier;
import java.security.PublicKey;
import java.util.Objects;

/**
 * An app the sandbox knows: its id, the public key its requests must verify with, and, in
 * certificate mode, the serial number its {@code app_cert_sn} must carry.
 *
 * @param appId     the {@code app_id}
 * @param publicKey the app's registered public key ("应用公钥"), or its certificate's key
 * @param appCertSn the serial number of the registered app certificate, or null in public-key mode
 * @param cipher    the app's AES content key for {@code encrypt_type=AES}, or null
 */
public record RegisteredApp(String appId, PublicKey publicKey, String appCertSn, BizContentCipher cipher) {

    public RegisteredApp {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    /** Whether the app is registered in certificate mode. */
    public boolean certificateMode() {
        return appCertSn != null;
    }

    /**
     * A checker of the app's request signatures. {@link ResponseVerifier#verify(String, String,
     * io.alipass.camel.gateway.SignType, io.alipass.camel.gateway.RequestCharset)} is a plain RSA
     * check of text against a key, which is what a request signature needs too.
     */
    ResponseVerifier verifier() {
        return new ResponseVerifier(publicKey);
    }

    /** The same app with an AES content key. */
    RegisteredApp withCipher(BizContentCipher cipher) {
        return new RegisteredApp(appId, publicKey, appCertSn, cipher);
    }

    @Override
    public String toString() {
        return "RegisteredApp[" + appId + (certificateMode() ? ", cert " + appCertSn : ", public key")
                + (cipher != null ? ", AES" : "") + "]";
    }
}
