package io.alipass.camel.sandbox;

import io.alipass.camel.pass.VerifyType;
import java.util.Map;
import java.util.Objects;

/**
 * A pass held by the sandbox, found by {@code serial_number} and {@code channel_id} together.
 *
 * @param serialNumber the merchant's unique value for the pass
 * @param channelId    the merchant's pid/appid the pass was issued for
 * @param passId       the id the sandbox gave it
 * @param tplId        the template it was issued from
 * @param lifecycle    issued, used or closed
 * @param tplParams    the current values of the template's variables
 * @param verifyCode   the last {@code verify_code}, or null
 * @param verifyType   the last {@code verify_type}, or null
 * @param revision     1 when issued, one more for each update
 */
public record SandboxPass(String serialNumber, String channelId, String passId, String tplId, PassLifecycle lifecycle,
                          Map<String, String> tplParams, String verifyCode, VerifyType verifyType, int revision) {

    public SandboxPass {
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(passId, "passId");
        Objects.requireNonNull(lifecycle, "lifecycle");
        tplParams = Map.copyOf(tplParams);
    }

    /** What identifies a pass: the two fields an update names it by. */
    public record Key(String serialNumber, String channelId) {
    }

    public Key key() {
        return new Key(serialNumber, channelId);
    }

    /** The pass after an update: new stage, merged parameters, redemption details when given. */
    SandboxPass updated(PassLifecycle newLifecycle, Map<String, String> newParams, String newVerifyCode, VerifyType newVerifyType) {
        java.util.Map<String, String> merged = new java.util.LinkedHashMap<>(tplParams);
        merged.putAll(newParams);
        return new SandboxPass(serialNumber, channelId, passId, tplId, newLifecycle, merged,
                newVerifyCode != null ? newVerifyCode : verifyCode, newVerifyType != null ? newVerifyType : verifyType, revision + 1);
    }
}
