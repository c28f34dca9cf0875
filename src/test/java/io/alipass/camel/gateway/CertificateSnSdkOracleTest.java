package io.alipass.camel.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.alipay.api.internal.util.AntCertificationUtil;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Certificate serial numbers must equal the SDK's {@code AntCertificationUtil.getCertSN / getRootCertSN}. */
class CertificateSnSdkOracleTest {

    static Stream<Arguments> certificates() {
        return Stream.of(
                Arguments.of("app certificate, Chinese subject", TestKeys.APP_CERT),
                Arguments.of("Alipay certificate, Chinese issuer", TestKeys.ALIPAY_CERT),
                Arguments.of("sha256WithRSA root", TestKeys.ROOT),
                Arguments.of("sha1WithRSA root, 128-bit serial", TestKeys.ROOT_SHA1),
                Arguments.of("EC root", TestKeys.EC_ROOT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("certificates")
    void certSnEqualsTheSdks(String name, X509Certificate certificate) throws Exception {
        assertEquals(AntCertificationUtil.getCertSN(certificate), CertificateSn.of(certificate));
    }

    @Test
    void rootCertSnEqualsTheSdksAndSkipsTheNonRsaCertificate() {
        List<X509Certificate> chain = List.of(TestKeys.ROOT_SHA1, TestKeys.EC_ROOT, TestKeys.ROOT);

        assertEquals(AntCertificationUtil.getRootCertSN(TestKeys.pem(TestKeys.ROOT_SHA1, TestKeys.EC_ROOT, TestKeys.ROOT)),
                CertificateSn.ofRootChain(chain));
    }

    @Test
    void rootCertSnOfAChainReadFromPemEqualsTheSdks() {
        String pem = TestKeys.pem(TestKeys.ROOT, TestKeys.EC_ROOT, TestKeys.ROOT_SHA1);

        assertEquals(AntCertificationUtil.getRootCertSN(pem), CertificateSn.ofRootChain(CertificateReader.certificates(pem)));
    }
}
