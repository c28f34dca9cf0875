package io.alipass.camel.component;

import org.apache.camel.Message;
import org.apache.camel.spi.Metadata;

/**
 * The message headers of the {@code alipay-pass} component. All start with {@code CamelAlipass}, so
 * Camel's header filters keep them off JMS wire properties and outbound HTTP requests. A route decides
 * on {@link #OUTCOME}: {@code success}, {@code business-failure}, {@code invalid-input} (and, after the
 * route template, {@code duplicate}, {@code dead-letter}, {@code error}).
 */
public final class AlipayPassConstants {
    @Metadata(label = "producer", description = "The API of a message that does not name it (instance.update or template.update),"
            + " for the alipay-pass:update endpoint.", javaType = "String")
    public static final String API = "CamelAlipassApi";
    @Metadata(label = "producer", description = "A per-message app_auth_token (an ISV acting for a merchant). A secret: removed once signed.",
            javaType = "String", secret = true)
    public static final String APP_AUTH_TOKEN = "CamelAlipassAppAuthToken";
    @Metadata(label = "producer", description = "The method called, e.g. alipay.pass.instance.update.", javaType = "String")
    public static final String METHOD = "CamelAlipassMethod";
    @Metadata(label = "producer", description = "The serial number of the pass or the template id.", javaType = "String")
    public static final String KEY = "CamelAlipassKey";
    @Metadata(label = "producer", description = "The outcome kind: success, business-failure, transient-failure, invalid-response,"
            + " invalid-input (and after the route template: duplicate, dead-letter, error).", javaType = "String")
    public static final String OUTCOME = "CamelAlipassOutcome";
    @Metadata(label = "producer", description = "The gateway's code.", javaType = "String")
    public static final String CODE = "CamelAlipassCode";
    @Metadata(label = "producer", description = "The gateway's sub_code, the failing errorCode of result, or the failed check.", javaType = "String")
    public static final String SUB_CODE = "CamelAlipassSubCode";
    @Metadata(label = "producer", description = "The gateway's sub_msg, or why the message failed.", javaType = "String")
    public static final String SUB_MSG = "CamelAlipassSubMsg";
    @Metadata(label = "producer", description = "How many times the gateway was called for this message (1 without retries).", javaType = "Integer")
    public static final String ATTEMPTS = "CamelAlipassAttempts";

    private AlipayPassConstants() {
    }

    /**
     * Removes every header whose name starts with the prefix, ignoring case as Camel's header map does.
     * Camel's {@code removeHeaders("Prefix*")} tries each other header name as a regular expression
     * too, compiling it every time: about 4% of the route's CPU in a JFR profile.
     */
    public static void removeStartingWith(Message message, String prefix) {
        message.getHeaders().keySet().removeIf(name -> name.regionMatches(true, 0, prefix, 0, prefix.length()));
    }
}
