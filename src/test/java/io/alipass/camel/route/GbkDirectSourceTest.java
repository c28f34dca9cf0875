package io.alipass.camel.route;

import io.alipass.camel.gateway.RequestCharset;

/** The whole contract again with requests, and the gateway's signed answers, in GBK. */
class GbkDirectSourceTest extends DirectSourceTest {
    @Override
    RequestCharset charset() {
        return RequestCharset.GBK;
    }
}
