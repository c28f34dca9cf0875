package io.alipass.camel.route;

import io.alipass.camel.component.AlipayPassConstants;

/**
 * The former home of the {@code CamelAlipass*} header names, kept so that code written against it
 * still compiles; the names are declared once, in {@link AlipayPassConstants}.
 *
 * @deprecated use {@link AlipayPassConstants}
 */
@Deprecated
public final class AlipassHeaders {
    public static final String API = AlipayPassConstants.API;
    public static final String APP_AUTH_TOKEN = AlipayPassConstants.APP_AUTH_TOKEN;
    public static final String METHOD = AlipayPassConstants.METHOD;
    public static final String KEY = AlipayPassConstants.KEY;
    public static final String OUTCOME = AlipayPassConstants.OUTCOME;
    public static final String CODE = AlipayPassConstants.CODE;
    public static final String SUB_CODE = AlipayPassConstants.SUB_CODE;
    public static final String SUB_MSG = AlipayPassConstants.SUB_MSG;
    public static final String ATTEMPTS = AlipayPassConstants.ATTEMPTS;

    private AlipassHeaders() {
    }
}
