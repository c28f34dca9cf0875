package io.alipass.camel.pass;

import io.alipass.camel.gateway.GatewayMethod;

/**
 * An {@code alipay.pass.instance.update}: changes a published pass's status or template parameters.
 *
 * @param serialNumber the merchant's unique pass value (the template's fileInfo.serialNumber), required
 * @param channelId    the merchant's pid/appid when an agent updates for the merchant, required
 * @param tplParams    the template's {@code $variable$} values as a JSON object string, or null
 * @param status       the new status, or null to leave it
 * @param verifyCode   the redemption code; only together with {@code verifyType}
 * @param verifyType   how the pass was redeemed; only together with {@code verifyCode}
 * @param userId       the buyer's Alipay user id (2088...), which the current API takes, or null
 * @param openId       the buyer's open id, which the current API takes, or null
 */
public record InstanceUpdate(String serialNumber, String channelId, String tplParams, PassStatus status,
                             String verifyCode, VerifyType verifyType, String userId, String openId)
        implements PassUpdate {

    /** Validates the fields (see {@link PassRules}) and returns the update. */
    public InstanceUpdate {
        tplParams = absentIfBlank(tplParams);
        verifyCode = absentIfBlank(verifyCode);
        userId = absentIfBlank(userId);
        openId = absentIfBlank(openId);
        PassRules.requireValid(PassRules.checkInstance(serialNumber, channelId, tplParams, status, verifyCode,
                verifyType, userId, openId));
    }

    /** Optional fields sent empty mean "not sent", as the gateway drops empty parameters. */
    private static String absentIfBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public GatewayMethod method() {
        return GatewayMethod.PASS_INSTANCE_UPDATE;
    }

    @Override
    public String key() {
        return serialNumber;
    }

    @Override
    public String bizContent() {
        return BizContentWriter.object()
                .field(PassField.SERIAL_NUMBER, serialNumber)
                .field(PassField.CHANNEL_ID, channelId)
                .field(PassField.TPL_PARAMS, tplParams)
                .field(PassField.STATUS, status == null ? null : status.name())
                .field(PassField.VERIFY_CODE, verifyCode)
                .field(PassField.VERIFY_TYPE, verifyType == null ? null : verifyType.wireName())
                .field(PassField.USER_ID, userId)
                .field(PassField.OPEN_ID, openId)
                .end();
    }

    /** Names the pass and the change only; parameter values may hold personal data. */
    @Override
    public String toString() {
        return "InstanceUpdate[serial_number=" + serialNumber + ", channel_id=" + channelId
                + (status == null ? "" : ", status=" + status) + (tplParams == null ? "" : ", tpl_params")
                + (verifyType == null ? "" : ", verify_type=" + verifyType.wireName()) + "]";
    }
}
