package io.alipass.camel.gateway;

import java.util.Objects;

/**
 * An Open Platform API name as sent in {@code method}, with the name of the JSON node that carries
 * its response ({@code alipay.pass.instance.update} answers in {@code alipay_pass_instance_update_response}).
 *
 * @param name the dotted API name
 */
public record GatewayMethod(String name) {

    /** Updates a published pass (status, template parameters). */
    public static final GatewayMethod PASS_INSTANCE_UPDATE = new GatewayMethod("alipay.pass.instance.update");
    /** Updates a template's content. */
    public static final GatewayMethod PASS_TEMPLATE_UPDATE = new GatewayMethod("alipay.pass.template.update");
    /** Creates a template; used to set up the sandbox and tests. */
    public static final GatewayMethod PASS_TEMPLATE_ADD = new GatewayMethod("alipay.pass.template.add");
    /** Issues a pass from a template; used to set up the sandbox and tests. */
    public static final GatewayMethod PASS_INSTANCE_ADD = new GatewayMethod("alipay.pass.instance.add");

    /**
     * Downloads the Alipay certificate with a given serial number ({@code biz_content}
     * {@code {"alipay_cert_sn":"..."}}); certificate mode calls it when Alipay rotates its certificate.
     */
    public static final GatewayMethod ALIPAYCERT_DOWNLOAD = new GatewayMethod("alipay.open.app.alipaycert.download");

    /** The node the gateway uses when it rejects a request before reaching the API. */
    public static final String ERROR_RESPONSE_NODE = "error_response";

    public GatewayMethod {
        Objects.requireNonNull(name, "method");
        if (name.isBlank() || name.length() > 128) {
            throw new IllegalArgumentException("method must be 1 to 128 characters");
        }
    }

    /** The response node name: the method with dots as underscores, then {@code _response}. */
    public String responseNode() {
        return name.replace('.', '_') + "_response";
    }

    @Override
    public String toString() {
        return name;
    }
}
