package io.alipass.camel.sandbox;

import io.alipass.camel.gateway.ParameterName;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request the sandbox received on {@code /gateway.do}, with what it answered. The values of
 * {@code sign} and {@code app_auth_token} are never kept: only whether they were present.
 *
 * @param sequence            1 for the first request since start
 * @param receivedAt          when it arrived
 * @param httpMethod          {@code POST} or {@code GET}
 * @param method              the {@code method} parameter, or null
 * @param appId               the {@code app_id} parameter, or null
 * @param parameters          every other parameter as decoded, {@code biz_content} decrypted when it was encrypted
 * @param signPresent         whether {@code sign} was sent
 * @param appAuthTokenPresent whether {@code app_auth_token} was sent
 * @param code                the {@code code} answered, or null when no answer was sent (dropped, 502)
 * @param subCode             the {@code sub_code} answered, or null
 * @param fault               the injected fault, or null
 */
public record ReceivedRequest(long sequence, Instant receivedAt, String httpMethod, String method, String appId,
                              Map<String, String> parameters, boolean signPresent, boolean appAuthTokenPresent,
                              String code, String subCode, Fault fault) {

    public ReceivedRequest {
        parameters = Map.copyOf(parameters);
    }

    /** The request as recorded: the secrets taken out of the parameters. */
    static ReceivedRequest of(long sequence, Instant at, String httpMethod, Map<String, String> decoded, String bizContent,
                              Answer answer, Fault fault) {
        Map<String, String> kept = new LinkedHashMap<>(decoded);
        boolean sign = kept.remove(ParameterName.SIGN) != null;
        boolean token = kept.remove(ParameterName.APP_AUTH_TOKEN) != null;
        kept.values().removeIf(v -> v == null);
        if (bizContent != null) {
            kept.put(ParameterName.BIZ_CONTENT, bizContent);
        }
        boolean answered = answer != null && fault != Fault.DROP_CONNECTION && fault != Fault.HTTP_502
                && fault != Fault.DROP_AFTER_PROCESSING;
        return new ReceivedRequest(sequence, at, httpMethod, decoded.get(ParameterName.METHOD), decoded.get(ParameterName.APP_ID),
                kept, sign, token, answered ? answer.code() : null, answered ? answer.subCode() : null, fault);
    }

    /** Names the call and its answer; the parameters hold business data and stay out of logs. */
    @Override
    public String toString() {
        return "ReceivedRequest[#" + sequence + " " + method + " app " + appId + " -> " + code
                + (subCode == null ? "" : " " + subCode) + (fault == null ? "" : ", fault " + fault) + "]";
    }

    /** The {@code biz_content} received (decrypted), or null. */
    public String bizContent() {
        return parameters.get(ParameterName.BIZ_CONTENT);
    }
}
