package io.alipass.camel.gateway;

import java.util.Objects;

/**
 * A signed request, encoded the way the official client sends it: system parameters (including
 * {@code sign}) URL-encoded in the query string, {@code biz_content} and {@code app_auth_token} in an
 * {@code application/x-www-form-urlencoded} body, all in the request's charset.
 *
 * <p>{@link #toString()} names the method only: the query holds the signature and the body may hold
 * the {@code app_auth_token}.
 *
 * @param queryString the query string without the leading {@code ?}
 * @param body        the form body bytes
 * @param contentType the {@code Content-Type} header value
 */
public record EncodedRequest(GatewayMethod method, RequestCharset charset, SignType signType,
                             String queryString, byte[] body, String contentType) {

    public EncodedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(signType, "signType");
        Objects.requireNonNull(queryString, "queryString");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(contentType, "contentType");
    }

    /**
     * The full request URL for a gateway address such as {@code https://openapi.alipay.com/gateway.do},
     * or the request's path and query for the gateway's path ({@code /gateway.do}).
     */
    public String url(String gatewayUrl) {
        return gatewayUrl + (gatewayUrl.indexOf('?') >= 0 ? '&' : '?') + queryString;
    }

    @Override
    public String toString() {
        return "EncodedRequest[" + method + ", " + charset.wireName() + ", " + signType + ", body " + body.length + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedRequest r && method.equals(r.method) && charset == r.charset && signType == r.signType
                && queryString.equals(r.queryString) && java.util.Arrays.equals(body, r.body) && contentType.equals(r.contentType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, queryString, java.util.Arrays.hashCode(body));
    }
}
