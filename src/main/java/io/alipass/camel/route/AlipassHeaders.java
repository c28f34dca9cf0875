package io.alipass.camel.route;

import org.apache.camel.Message;

/**
 * The message headers the alipass processors read and write. All start with {@code CamelAlipass}, so
 * Camel's header filters keep them off the HTTP request to Alipay and off JMS wire properties.
 */
public final class AlipassHeaders {
    /** In: the API of a message that does not name it ({@code instance.update} or {@code template.update}). */
    public static final String API = "CamelAlipassApi";
    /** In: a per-message {@code app_auth_token} (an ISV acting for a merchant). A secret: removed once signed. */
    public static final String APP_AUTH_TOKEN = "CamelAlipassAppAuthToken";
    /** Out: the method called, e.g. {@code alipay.pass.instance.update}. */
    public static final String METHOD = "CamelAlipassMethod";
    /** Out: the serial number of the pass or the template id. */
    public static final String KEY = "CamelAlipassKey";
    /** Out: the outcome kind: success, business-failure, transient-failure, invalid-response, invalid-input, duplicate, error. */
    public static final String OUTCOME = "CamelAlipassOutcome";
    /** Out: the gateway's {@code code}. */
    public static final String CODE = "CamelAlipassCode";
    /** Out: the gateway's {@code sub_code}, the failing {@code errorCode} of {@code result}, or the failed check. */
    public static final String SUB_CODE = "CamelAlipassSubCode";
    /** Out: the gateway's {@code sub_msg}, or why the message failed. */
    public static final String SUB_MSG = "CamelAlipassSubMsg";
    /** Out: how many times the gateway was called for this message (1 without retries). */
    public static final String ATTEMPTS = "CamelAlipassAttempts";

    private AlipassHeaders() {
    }

    /**
     * Removes every header whose name starts with the prefix, ignoring case as Camel's header map does.
     * Camel's {@code removeHeaders("Prefix*")} tries each other header name as a regular expression
     * too, compiling it every time: about 4% of the route's CPU in a JFR profile.
     */
    static void removeStartingWith(Message message, String prefix) {
        message.getHeaders().keySet().removeIf(name -> name.regionMatches(true, 0, prefix, 0, prefix.length()));
    }
}
