package io.alipass.camel.sandbox;

import io.alipass.camel.gateway.BizContentCipher;
import io.alipass.camel.gateway.CertificateSn;
import io.alipass.camel.gateway.ResponseVerifier;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The apps registered with the sandbox, as the Open Platform console holds them: one public key or
 * one certificate per {@code app_id}. A new registration replaces the old one. Thread-safe; the
 * verifier of each app is built once, since building it checks the key.
 */
final class AppRegistry {
    private record Entry(RegisteredApp app, ResponseVerifier verifier) {
    }

    private final Map<String, Entry> apps = new ConcurrentHashMap<>();

    void register(String appId, PublicKey publicKey) {
        put(new RegisteredApp(requireAppId(appId), publicKey, null, cipherOf(appId)));
    }

    void registerCertificate(String appId, X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        put(new RegisteredApp(requireAppId(appId), certificate.getPublicKey(), CertificateSn.of(certificate), cipherOf(appId)));
    }

    /** Sets the app's AES content key; the app must be registered first. */
    void registerAesKey(String appId, String base64Key) {
        Entry e = apps.get(appId);
        if (e == null) {
            throw new IllegalArgumentException("app " + appId + " is not registered; register its key first");
        }
        put(e.app().withCipher(new BizContentCipher(base64Key)));
    }

    RegisteredApp app(String appId) {
        Entry e = apps.get(appId);
        return e == null ? null : e.app();
    }

    ResponseVerifier verifier(String appId) {
        Entry e = apps.get(appId);
        return e == null ? null : e.verifier();
    }

    List<RegisteredApp> all() {
        return apps.values().stream().map(Entry::app).toList();
    }

    private void put(RegisteredApp app) {
        apps.put(app.appId(), new Entry(app, app.verifier()));
    }

    private BizContentCipher cipherOf(String appId) {
        Entry e = apps.get(appId);
        return e == null ? null : e.app().cipher();
    }

    private static String requireAppId(String appId) {
        if (appId == null || appId.isBlank() || appId.length() > 32) {
            throw new IllegalArgumentException("app id must be 1 to 32 characters");
        }
        return appId;
    }
}
