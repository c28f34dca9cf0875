package io.alipass.camel.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SignContentTest {

    static Stream<Arguments> goldenVectors() {
        return Stream.of(
                Arguments.of("the seed's instance.update example, keys sorted, no URL encoding",
                        map("app_id", "2014072300007148", "method", "alipay.pass.instance.update", "format", "JSON",
                                "charset", "utf-8", "sign_type", "RSA2", "timestamp", "2014-07-24 03:07:50", "version", "1.0",
                                "biz_content", "{\"serial_number\":\"209919213\",\"channel_id\":\"2088918273\",\"tpl_params\":\"{\\\"title\\\":\\\"券标题\\\",\\\"channelID\\\":\\\"xxx\\\",\\\"serialNumer\\\":\\\"xxxx\\\"}\",\"status\":\"USED\",\"verify_code\":\"8612231273\",\"verify_type\":\"wave\"}"),
                        "app_id=2014072300007148&biz_content={\"serial_number\":\"209919213\",\"channel_id\":\"2088918273\",\"tpl_params\":\"{\\\"title\\\":\\\"券标题\\\",\\\"channelID\\\":\\\"xxx\\\",\\\"serialNumer\\\":\\\"xxxx\\\"}\",\"status\":\"USED\",\"verify_code\":\"8612231273\",\"verify_type\":\"wave\"}&charset=utf-8&format=JSON&method=alipay.pass.instance.update&sign_type=RSA2&timestamp=2014-07-24 03:07:50&version=1.0"),
                Arguments.of("the seed's template.update example",
                        map("app_id", "2014072300007148", "method", "alipay.pass.template.update", "format", "JSON",
                                "charset", "gbk", "sign_type", "RSA", "timestamp", "2014-07-24 03:07:50", "version", "1.0",
                                "biz_content", "{\"tpl_id\":\"f038871a4b1151e8038bb9277c3d52e3\",\"tpl_content\":\"{\\\"logo\\\": \\\"\\\",\\\"strip\\\": null,\\\"icon\\\": null,\\\"content\\\": {}}\"}"),
                        "app_id=2014072300007148&biz_content={\"tpl_id\":\"f038871a4b1151e8038bb9277c3d52e3\",\"tpl_content\":\"{\\\"logo\\\": \\\"\\\",\\\"strip\\\": null,\\\"icon\\\": null,\\\"content\\\": {}}\"}&charset=gbk&format=JSON&method=alipay.pass.template.update&sign_type=RSA&timestamp=2014-07-24 03:07:50&version=1.0"),
                Arguments.of("sign is never part of its own content",
                        map("b", "2", "sign", "abc", "a", "1"), "a=1&b=2"),
                Arguments.of("empty and white-space values are dropped, as the SDK's StringUtils.isEmpty does",
                        map("b", "", "c", "  ", "d", "\u3000", "a", "1", "e", null), "a=1"),
                Arguments.of("a no-break space is not white space to Java, so it stays",
                        map("a", "\u00a0"), "a=\u00a0"),
                Arguments.of("upper case sorts before lower case (code-unit order)",
                        map("b", "1", "B", "2", "a", "3"), "B=2&a=3&b=1"),
                Arguments.of("values keep &, = and spaces as they are",
                        map("x", "a=b&c d"), "x=a=b&c d"),
                Arguments.of("app_auth_token and the certificate serial numbers are signed like any parameter",
                        map("app_auth_token", "tok", "app_cert_sn", "abc", "alipay_root_cert_sn", "r1_r2"),
                        "alipay_root_cert_sn=r1_r2&app_auth_token=tok&app_cert_sn=abc"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenVectors")
    void buildsTheExactContentAlipaySigns(String name, Map<String, String> parameters, String expected) {
        assertEquals(expected, SignContent.of(parameters).text());
    }

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
