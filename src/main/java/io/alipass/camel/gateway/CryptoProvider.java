package io.alipass.camel.gateway;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The Bouncy Castle provider instance the protocol core passes to every JCA call.
 *
 * <p>It is never registered with {@link java.security.Security}: a library embedded in someone
 * else's JVM must not change which provider their own code gets.
 */
public final class CryptoProvider {
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private CryptoProvider() {
    }

    /** The shared, unregistered Bouncy Castle provider. */
    public static Provider bouncyCastle() {
        return BOUNCY_CASTLE;
    }
}
