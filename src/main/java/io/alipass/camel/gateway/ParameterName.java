package io.alipass.camel.gateway;

import java.util.Set;

/**
 * The names of the gateway's common request parameters, and where the official client puts each
 * one on the wire: system parameters in the URL query string, the rest in the form body.
 */
public final class ParameterName {
    public static final String APP_ID = "app_id";
    public static final String METHOD = "method";
    public static final String FORMAT = "format";
    public static final String CHARSET = "charset";
    public static final String SIGN_TYPE = "sign_type";
    public static final String SIGN = "sign";
    public static final String TIMESTAMP = "timestamp";
    public static final String VERSION = "version";
    public static final String APP_AUTH_TOKEN = "app_auth_token";
    public static final String BIZ_CONTENT = "biz_content";
    public static final String APP_CERT_SN = "app_cert_sn";
    public static final String ALIPAY_ROOT_CERT_SN = "alipay_root_cert_sn";
    public static final String ENCRYPT_TYPE = "encrypt_type";

    /**
     * Parameters sent in the query string, as the official client does; everything else
     * ({@code biz_content}, {@code app_auth_token}) goes in the form body.
     */
    public static final Set<String> QUERY_STRING = Set.of(
            METHOD, VERSION, APP_ID, SIGN_TYPE, CHARSET, FORMAT, TIMESTAMP,
            APP_CERT_SN, ALIPAY_ROOT_CERT_SN, ENCRYPT_TYPE, SIGN);

    /** Parameters whose values are secrets and must never be logged. */
    public static final Set<String> SECRET = Set.of(SIGN, APP_AUTH_TOKEN);

    private ParameterName() {
    }
}
