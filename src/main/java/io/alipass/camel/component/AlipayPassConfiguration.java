package io.alipass.camel.component;

import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.GatewayTransport;
import javax.net.ssl.SSLContext;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * Every option of the {@code alipay-pass} component, declared once. Set on the component, an option is
 * the default of every endpoint; set on an endpoint URI, it overrides that default for that endpoint
 * only (so one CamelContext can hold several Alipay apps). Keys and certificates take a file path,
 * the text itself, or a {@code #bean} reference to an already loaded {@code PrivateKey},
 * {@code PublicKey} or {@code X509Certificate}. {@link #toString()} never shows a secret.
 */
@UriParams
public class AlipayPassConfiguration implements Cloneable {
    @UriParam(label = "common", defaultValue = "https://openapi.alipay.com/gateway.do",
            description = "The Alipay gateway: https://openapi.alipay.com/gateway.do, or a sandbox address.")
    private String gatewayUrl = "https://openapi.alipay.com/gateway.do";
    @UriParam(label = "common", description = "The app id Alipay assigned (app_id, at most 32 characters).")
    private String appId;
    @UriParam(label = "security", enums = "RSA2,RSA", defaultValue = "RSA2",
            description = "The signature algorithm: RSA2 (SHA256withRSA) or RSA (SHA1withRSA).")
    private String signType = "RSA2";
    @UriParam(label = "common", enums = "utf-8,gbk,gb2312", defaultValue = "utf-8",
            description = "The request charset: utf-8, gbk or gb2312.")
    private String charset = "utf-8";
    @UriParam(label = "security", secret = true, javaType = "java.lang.Object",
            description = "The app private key (应用私钥): a file path or the text of a PKCS#8/PKCS#1 PEM, bare Base64 or PKCS#12,"
                    + " or a #bean reference to a java.security.PrivateKey.")
    private Object privateKey;
    @UriParam(label = "security", secret = true, description = "The password of the private key, if it is encrypted.")
    private String privateKeyPassword;
    @UriParam(label = "security", javaType = "java.lang.Object",
            description = "Public-key mode: the Alipay public key (支付宝公钥) that answers are verified with: a file path, the Base64"
                    + " or PEM text, or a #bean reference to a java.security.PublicKey. Not the app's own public key.")
    private Object alipayPublicKey;
    @UriParam(label = "security", javaType = "java.lang.Object",
            description = "Certificate mode: the app certificate (appCertPublicKey_....crt): a file path, the PEM text, or a #bean"
                    + " reference to a java.security.cert.X509Certificate.")
    private Object appCert;
    @UriParam(label = "security", javaType = "java.lang.Object",
            description = "Certificate mode: the Alipay certificate (alipayCertPublicKey_RSA2.crt): a file path, the PEM text, or a"
                    + " #bean reference to a java.security.cert.X509Certificate.")
    private Object alipayCert;
    @UriParam(label = "security", javaType = "java.lang.Object",
            description = "Certificate mode: the Alipay root certificate (alipayRootCert.crt): a file path, the PEM text, or a #bean"
                    + " reference to an X509Certificate or a List of them.")
    private Object alipayRootCert;
    @UriParam(label = "security", defaultValue = "true",
            description = "Verify the gateway's signature on every answer; false only for a gateway that does not sign.")
    private boolean verifyResponse = true;
    @UriParam(label = "security", secret = true,
            description = "An ISV's app_auth_token sent with every call (the CamelAlipassAppAuthToken header overrides it per message).")
    private String appAuthToken;
    @UriParam(label = "producer", description = "The channel_id of instance updates that carry none.")
    private String channelId;
    @UriParam(label = "producer", enums = "instance.update,template.update",
            description = "For alipay-pass:update: the API of records that name none and carry no CamelAlipassApi header.")
    private String defaultApi;
    @UriParam(label = "producer", defaultValue = "5000", description = "Milliseconds to wait for a connection to the gateway.")
    private int connectTimeout = 5000;
    @UriParam(label = "producer", defaultValue = "15000",
            description = "Milliseconds to wait for the gateway's answer; a timeout is a transient failure (retried).")
    private int readTimeout = 15000;
    @UriParam(label = "producer", defaultValue = "200",
            description = "The size of the app's connection pool to the gateway (also the most calls in flight).")
    private int maxConnections = 200;
    @UriParam(label = "producer", defaultValue = "0",
            description = "The most calls per second to the gateway for this app, shared by all its endpoints; 0 for no limit.")
    private double rateLimit;
    @UriParam(label = "producer", defaultValue = "false",
            description = "Throw AlipayPassFailureException for a business failure or invalid input instead of leaving the"
                    + " outcome in the body and headers for the route to decide on.")
    private boolean throwExceptionOnFailure;
    @UriParam(label = "advanced", javaType = "java.lang.Object",
            description = "The JCA provider that signs: a #bean reference to a java.security.Provider or a registered provider's"
                    + " name (e.g. SunRsaSign); by default Bouncy Castle.")
    private Object signingProvider;
    @UriParam(label = "advanced", description = "The TLS context whose trust decides which gateway certificates are accepted;"
            + " by default the JVM's trust store. Certificates are always verified.")
    private SSLContext sslContext;
    @UriParam(label = "advanced", description = "An already built GatewayProtocol; when set it takes the place of the app id, key,"
            + " certificate, charset, sign type and app auth token options.")
    private GatewayProtocol protocol;
    @UriParam(label = "advanced", description = "How requests reach the gateway; by default a pooled Apache HttpClient 5 per app.")
    private GatewayTransport transport;
    @UriParam(label = "advanced", description = "Hears every gateway call (for metrics).")
    private OutcomeListener outcomeListener;

    /** A copy, so that an endpoint's overrides never reach the component's defaults. */
    public AlipayPassConfiguration copy() {
        try {
            return (AlipayPassConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getGatewayUrl() {
        return gatewayUrl;
    }

    public void setGatewayUrl(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    public String getAppId() {
        return appId;
    }

    public void setAppId(String appId) {
        this.appId = appId;
    }

    public String getSignType() {
        return signType;
    }

    public void setSignType(String signType) {
        this.signType = signType;
    }

    public String getCharset() {
        return charset;
    }

    public void setCharset(String charset) {
        this.charset = charset;
    }

    public Object getPrivateKey() {
        return privateKey;
    }

    public void setPrivateKey(Object privateKey) {
        this.privateKey = privateKey;
    }

    public String getPrivateKeyPassword() {
        return privateKeyPassword;
    }

    public void setPrivateKeyPassword(String privateKeyPassword) {
        this.privateKeyPassword = privateKeyPassword;
    }

    public Object getAlipayPublicKey() {
        return alipayPublicKey;
    }

    public void setAlipayPublicKey(Object alipayPublicKey) {
        this.alipayPublicKey = alipayPublicKey;
    }

    public Object getAppCert() {
        return appCert;
    }

    public void setAppCert(Object appCert) {
        this.appCert = appCert;
    }

    public Object getAlipayCert() {
        return alipayCert;
    }

    public void setAlipayCert(Object alipayCert) {
        this.alipayCert = alipayCert;
    }

    public Object getAlipayRootCert() {
        return alipayRootCert;
    }

    public void setAlipayRootCert(Object alipayRootCert) {
        this.alipayRootCert = alipayRootCert;
    }

    public boolean isVerifyResponse() {
        return verifyResponse;
    }

    public void setVerifyResponse(boolean verifyResponse) {
        this.verifyResponse = verifyResponse;
    }

    public String getAppAuthToken() {
        return appAuthToken;
    }

    public void setAppAuthToken(String appAuthToken) {
        this.appAuthToken = appAuthToken;
    }

    public String getChannelId() {
        return channelId;
    }

    public void setChannelId(String channelId) {
        this.channelId = channelId;
    }

    public String getDefaultApi() {
        return defaultApi;
    }

    public void setDefaultApi(String defaultApi) {
        this.defaultApi = defaultApi;
    }

    public int getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(int connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public int getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(int readTimeout) {
        this.readTimeout = readTimeout;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public double getRateLimit() {
        return rateLimit;
    }

    public void setRateLimit(double rateLimit) {
        this.rateLimit = rateLimit;
    }

    public boolean isThrowExceptionOnFailure() {
        return throwExceptionOnFailure;
    }

    public void setThrowExceptionOnFailure(boolean throwExceptionOnFailure) {
        this.throwExceptionOnFailure = throwExceptionOnFailure;
    }

    public Object getSigningProvider() {
        return signingProvider;
    }

    public void setSigningProvider(Object signingProvider) {
        this.signingProvider = signingProvider;
    }

    public SSLContext getSslContext() {
        return sslContext;
    }

    public void setSslContext(SSLContext sslContext) {
        this.sslContext = sslContext;
    }

    public GatewayProtocol getProtocol() {
        return protocol;
    }

    public void setProtocol(GatewayProtocol protocol) {
        this.protocol = protocol;
    }

    public GatewayTransport getTransport() {
        return transport;
    }

    public void setTransport(GatewayTransport transport) {
        this.transport = transport;
    }

    public OutcomeListener getOutcomeListener() {
        return outcomeListener;
    }

    public void setOutcomeListener(OutcomeListener outcomeListener) {
        this.outcomeListener = outcomeListener;
    }

    @Override
    public String toString() {
        // Keys, passwords and tokens are only ever said to be set.
        return "AlipayPassConfiguration[gatewayUrl=" + gatewayUrl + ", appId=" + appId + ", signType=" + signType
                + ", charset=" + charset + ", privateKey=" + (privateKey == null ? "(none)" : "***")
                + ", privateKeyPassword=" + (privateKeyPassword == null ? "(none)" : "***")
                + ", certificateMode=" + (appCert != null) + ", verifyResponse=" + verifyResponse
                + ", appAuthToken=" + (appAuthToken == null ? "(none)" : "***") + ", channelId=" + channelId
                + ", rateLimit=" + rateLimit + "]";
    }
}
