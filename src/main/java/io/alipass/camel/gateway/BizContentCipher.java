package io.alipass.camel.gateway;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The optional content encryption of the Open Platform ({@code encrypt_type=AES}, "接口内容加密").
 *
 * <p>AES/CBC/PKCS5Padding with an all-zero IV and the Base64 key from the Alipay console, output in
 * Base64. The request's {@code biz_content} is encrypted before it is signed; an encrypted response
 * node is a quoted Base64 string that is verified as it stands, then decrypted. A fixed IV is
 * Alipay's protocol, not our choice: it leaks equal prefixes of equal plaintexts, which the
 * signature does nothing to hide.
 */
public final class BizContentCipher {
    /** The value of {@code encrypt_type}. */
    public static final String ENCRYPT_TYPE = "AES";
    private static final String TRANSFORMATION = "AES/CBC/PKCS5Padding";
    private static final IvParameterSpec ZERO_IV = new IvParameterSpec(new byte[16]);

    private final SecretKeySpec key;

    /**
     * @param base64Key the AES key as the Alipay console shows it (Base64 of 16, 24 or 32 bytes)
     * @throws GatewayConfigurationException if the key is not Base64 of a valid AES key length
     */
    public BizContentCipher(String base64Key) {
        Objects.requireNonNull(base64Key, "base64Key");
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new GatewayConfigurationException("the AES content key is not Base64");
        }
        if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
            throw new GatewayConfigurationException("the AES content key must be 16, 24 or 32 bytes, was " + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    /** Encrypts text (its bytes in the request charset) to Base64. */
    public String encrypt(String plain, RequestCharset charset) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION, CryptoProvider.bouncyCastle());
            cipher.init(Cipher.ENCRYPT_MODE, key, ZERO_IV);
            return Base64.getEncoder().encodeToString(cipher.doFinal(plain.getBytes(charset.charset())));
        } catch (GeneralSecurityException e) {
            throw new GatewayException("AES encryption failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Decrypts Base64 to text in the request charset.
     *
     * @throws InvalidResponseException if the text is not Base64 or does not decrypt with this key
     */
    public String decrypt(String base64, RequestCharset charset) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION, CryptoProvider.bouncyCastle());
            cipher.init(Cipher.DECRYPT_MODE, key, ZERO_IV);
            return new String(cipher.doFinal(Base64.getMimeDecoder().decode(base64)), charset.charset());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidResponseException(InvalidResponseException.Reason.UNDECRYPTABLE,
                    "the encrypted response does not decrypt with the configured AES key (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String toString() {
        return "BizContentCipher[AES-" + key.getEncoded().length * 8 + "]";
    }
}
