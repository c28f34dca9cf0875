package io.alipass.camel.bench;

import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.ParameterName;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.SignContent;
import io.alipass.camel.gateway.SignType;
import io.alipass.camel.pass.PassUpdate;
import io.alipass.camel.pass.PassUpdateReader;
import io.alipass.camel.component.EnrichProcessor;
import io.alipass.camel.component.SigningProcessor;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Figure 1 (JMH): our {@link SigningProcessor} on an enriched exchange (common parameters,
 * timestamp, sign content, SHA256withRSA, Base64, form encoding) against the limit: a bare
 * {@code java.security.Signature} SHA256withRSA from the JDK's default provider over the same
 * sign-content bytes. One thread, the same 2048-bit key. A third method signs with a bare Bouncy
 * Castle {@code RSADigestSigner} (the lightweight API the processor's default signer uses), and a
 * fourth runs the processor on the JDK's provider, so that the processor's own overhead and the
 * choice of provider show apart.
 */
@State(Scope.Thread)
public class SigningBenchmark {
    private SigningProcessor processor;
    private Exchange exchange;
    private SigningProcessor processorOnJdkProvider;
    private Exchange exchangeOnJdkProvider;
    private Signature raw;
    private RSADigestSigner rawBouncyCastle;
    private byte[] content;

    @Setup
    public void setUp() throws Exception {
        KeyPair app = BenchGateway.rsa2048();
        GatewayProtocol protocol = GatewayProtocol.builder()
                .appId(BenchGateway.APP_ID)
                .signer(new RequestSigner(app.getPrivate(), SignType.RSA2))
                .verifyResponses(false)
                .build();
        PassUpdate update = new PassUpdateReader(BenchGateway.CHANNEL).read(BenchGateway.updateOf("bench-1", 1), null);
        processor = new SigningProcessor(protocol);
        exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(update);
        new EnrichProcessor(null, null).process(exchange);

        Map<String, String> signed = new TreeMap<>(protocol.signedParameters(GatewayMethod.PASS_INSTANCE_UPDATE, update.bizContent(), null));
        signed.remove(ParameterName.SIGN);
        content = SignContent.of(signed).bytes(StandardCharsets.UTF_8);
        GatewayProtocol onJdk = GatewayProtocol.builder()
                .appId(BenchGateway.APP_ID)
                .signer(new RequestSigner(app.getPrivate(), SignType.RSA2, Signature.getInstance("SHA256withRSA").getProvider()))
                .verifyResponses(false)
                .build();
        processorOnJdkProvider = new SigningProcessor(onJdk);
        exchangeOnJdkProvider = new DefaultExchange(exchange.getContext());
        exchangeOnJdkProvider.getMessage().setBody(update);
        new EnrichProcessor(null, null).process(exchangeOnJdkProvider);
        raw = Signature.getInstance("SHA256withRSA");
        raw.initSign(app.getPrivate());
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) app.getPrivate();
        rawBouncyCastle = new RSADigestSigner(new SHA256Digest());
        rawBouncyCastle.init(true, new RSAPrivateCrtKeyParameters(k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(),
                k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(), k.getCrtCoefficient()));
    }

    @Benchmark
    public Object signingProcessor() {
        processor.process(exchange);
        return exchange.getMessage().getBody();
    }

    /** The same processor configured with the JDK's default provider, the one {@link #rawSignature} uses. */
    @Benchmark
    public Object signingProcessorOnJdkProvider() {
        processorOnJdkProvider.process(exchangeOnJdkProvider);
        return exchangeOnJdkProvider.getMessage().getBody();
    }

    @Benchmark
    public byte[] rawSignature() throws Exception {
        raw.update(content);
        return raw.sign(); // sign() leaves the engine initialised for the next signature
    }

    /** A bare signature from Bouncy Castle's lightweight API, as the processor's default signer makes it. */
    @Benchmark
    public byte[] rawBouncyCastleSignature() throws Exception {
        rawBouncyCastle.update(content, 0, content.length);
        return rawBouncyCastle.generateSignature(); // also resets the digest for the next signature
    }
}
