package io.alipass.camel.pass;

import io.alipass.camel.gateway.GatewayMethod;

/**
 * A validated update for one of the two pass APIs, ready to become {@code biz_content}. Instances
 * only exist once every rule has passed: build them with {@link PassUpdateReader} or the records'
 * {@code of} factories.
 */
public sealed interface PassUpdate permits InstanceUpdate, TemplateUpdate {

    /** The API this update is for. */
    GatewayMethod method();

    /** The {@code biz_content} JSON, fields in the order of the API page, absent fields left out. */
    String bizContent();

    /** What identifies the updated thing: the serial number of a pass, or the template id. */
    String key();
}
