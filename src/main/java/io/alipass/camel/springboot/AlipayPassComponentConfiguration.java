package io.alipass.camel.springboot;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code camel.component.alipay-pass.*} properties of a Spring Boot application: one property per
 * option of the {@code alipay-pass} component, same name in kebab case, same meaning. A property left
 * unset keeps the component's own default, so each default is defined once, on the component.
 * Keys and certificates take a file path, the text itself, or {@code #bean:name}.
 *
 * <p>A second instance of the component (a second Alipay app) is a bean of type
 * {@code AlipayPassComponent} named, say, {@code alipay-pass-b}; it is configured from
 * {@code camel.component.alipay-pass-b.*} with these same names, and never from the first one's.
 *
 * <p>{@link #toString()} shows no value: several of these are secrets.
 */
@ConfigurationProperties(prefix = AlipayPassComponentConfiguration.PREFIX)
public class AlipayPassComponentConfiguration extends ComponentConfigurationPropertiesCommon {
    /** The prefix of the default instance's properties. */
    public static final String PREFIX = "camel.component.alipay-pass";

    /**
     * The Alipay gateway: https://openapi.alipay.com/gateway.do, or a sandbox address. Default: https://openapi.alipay.com/gateway.do.
     */
    private String gatewayUrl;

    /**
     * The app id Alipay assigned (app_id, at most 32 characters).
     */
    private String appId;

    /**
     * The signature algorithm: RSA2 (SHA256withRSA) or RSA (SHA1withRSA). Default: RSA2.
     */
    private String signType;

    /**
     * The request charset: utf-8, gbk or gb2312. Default: utf-8.
     */
    private String charset;

    /**
     * The app private key (应用私钥): a file path or the text of a PKCS#8/PKCS#1 PEM, bare Base64 or PKCS#12, or a #bean reference to a java.security.PrivateKey.
     */
    private String privateKey;

    /**
     * The password of the private key, if it is encrypted.
     */
    private String privateKeyPassword;

    /**
     * Public-key mode: the Alipay public key (支付宝公钥) that answers are verified with: a file path, the Base64 or PEM text, or a #bean reference to a java.security.PublicKey. Not the app's own public key.
     */
    private String alipayPublicKey;

    /**
     * Certificate mode: the app certificate (appCertPublicKey_....crt): a file path, the PEM text, or a #bean reference to a java.security.cert.X509Certificate.
     */
    private String appCert;

    /**
     * Certificate mode: the Alipay certificate (alipayCertPublicKey_RSA2.crt): a file path, the PEM text, or a #bean reference to a java.security.cert.X509Certificate.
     */
    private String alipayCert;

    /**
     * Certificate mode: the Alipay root certificate (alipayRootCert.crt): a file path, the PEM text, or a #bean reference to an X509Certificate or a List of them.
     */
    private String alipayRootCert;

    /**
     * Certificate mode: a folder that keeps Alipay certificates downloaded after a rotation, so a restart does not fetch them again; empty: kept in memory only. Every certificate read from it is checked again.
     */
    private String certificateCacheDir;

    /**
     * Verify the gateway's signature on every answer; false only for a gateway that does not sign. Default: true.
     */
    private Boolean verifyResponse;

    /**
     * An ISV's app_auth_token sent with every call (the CamelAlipassAppAuthToken header overrides it per message).
     */
    private String appAuthToken;

    /**
     * The channel_id of instance updates that carry none.
     */
    private String channelId;

    /**
     * For alipay-pass:update: the API of records that name none and carry no CamelAlipassApi header.
     */
    private String defaultApi;

    /**
     * Milliseconds to wait for a connection to the gateway. Default: 5000.
     */
    private Integer connectTimeout;

    /**
     * Milliseconds to wait for the gateway's answer; a timeout is a transient failure (retried). Default: 15000.
     */
    private Integer readTimeout;

    /**
     * The size of the app's connection pool to the gateway (also the most calls in flight). Default: 200.
     */
    private Integer maxConnections;

    /**
     * The most calls per second to the gateway for this app, shared by all its endpoints; 0 for no limit. Default: 0.
     */
    private Double rateLimit;

    /**
     * Throw AlipayPassFailureException for a business failure or invalid input instead of leaving the outcome in the body and headers for the route to decide on. Default: false.
     */
    private Boolean throwExceptionOnFailure;

    /**
     * Whether the producer should be started lazy (on the first message). By starting lazy you can use this to allow CamelContext and routes to startup in situations where a producer may otherwise fail during starting and cause the route to fail being started. By deferring this startup to be lazy then the startup failure can be handled during routing messages via Camel's routing error handlers. Beware that when the first message is processed then creating and starting the producer may take a little time and prolong the total processing time of the processing. Default: false.
     */
    private Boolean lazyStartProducer;

    /**
     * The JCA provider that signs: a #bean reference to a java.security.Provider or a registered provider's name (e.g. SunRsaSign); by default Bouncy Castle.
     */
    private String signingProvider;

    /**
     * The TLS context whose trust decides which gateway certificates are accepted; by default the JVM's trust store. Certificates are always verified. A #bean:name reference to a javax.net.ssl.SSLContext.
     */
    private String sslContext;

    /**
     * An already built GatewayProtocol; when set it takes the place of the app id, key, certificate, charset, sign type and app auth token options. A #bean:name reference to a io.alipass.camel.gateway.GatewayProtocol.
     */
    private String protocol;

    /**
     * How requests reach the gateway; by default a pooled Apache HttpClient 5 per app. A #bean:name reference to a io.alipass.camel.gateway.GatewayTransport.
     */
    private String transport;

    /**
     * Hears every gateway call (for metrics). A #bean:name reference to a io.alipass.camel.component.OutcomeListener.
     */
    private String outcomeListener;

    /**
     * The options every endpoint of this component starts from. A #bean:name reference to a io.alipass.camel.component.AlipayPassConfiguration.
     */
    private String configuration;

    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked as autowired) by looking up in the registry to find if there is a single instance of matching type, which then gets configured on the component. This can be used for automatic configuring JDBC data sources, JMS connection factories, AWS Clients, etc. Default: true.
     */
    private Boolean autowiredEnabled;

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

    public String getPrivateKey() {
        return privateKey;
    }

    public void setPrivateKey(String privateKey) {
        this.privateKey = privateKey;
    }

    public String getPrivateKeyPassword() {
        return privateKeyPassword;
    }

    public void setPrivateKeyPassword(String privateKeyPassword) {
        this.privateKeyPassword = privateKeyPassword;
    }

    public String getAlipayPublicKey() {
        return alipayPublicKey;
    }

    public void setAlipayPublicKey(String alipayPublicKey) {
        this.alipayPublicKey = alipayPublicKey;
    }

    public String getAppCert() {
        return appCert;
    }

    public void setAppCert(String appCert) {
        this.appCert = appCert;
    }

    public String getAlipayCert() {
        return alipayCert;
    }

    public void setAlipayCert(String alipayCert) {
        this.alipayCert = alipayCert;
    }

    public String getAlipayRootCert() {
        return alipayRootCert;
    }

    public void setAlipayRootCert(String alipayRootCert) {
        this.alipayRootCert = alipayRootCert;
    }

    public String getCertificateCacheDir() {
        return certificateCacheDir;
    }

    public void setCertificateCacheDir(String certificateCacheDir) {
        this.certificateCacheDir = certificateCacheDir;
    }

    public Boolean getVerifyResponse() {
        return verifyResponse;
    }

    public void setVerifyResponse(Boolean verifyResponse) {
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

    public Integer getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Integer connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Integer getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(Integer readTimeout) {
        this.readTimeout = readTimeout;
    }

    public Integer getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(Integer maxConnections) {
        this.maxConnections = maxConnections;
    }

    public Double getRateLimit() {
        return rateLimit;
    }

    public void setRateLimit(Double rateLimit) {
        this.rateLimit = rateLimit;
    }

    public Boolean getThrowExceptionOnFailure() {
        return throwExceptionOnFailure;
    }

    public void setThrowExceptionOnFailure(Boolean throwExceptionOnFailure) {
        this.throwExceptionOnFailure = throwExceptionOnFailure;
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }

    public String getSigningProvider() {
        return signingProvider;
    }

    public void setSigningProvider(String signingProvider) {
        this.signingProvider = signingProvider;
    }

    public String getSslContext() {
        return sslContext;
    }

    public void setSslContext(String sslContext) {
        this.sslContext = sslContext;
    }

    public String getProtocol() {
        return protocol;
    }

    public void setProtocol(String protocol) {
        this.protocol = protocol;
    }

    public String getTransport() {
        return transport;
    }

    public void setTransport(String transport) {
        this.transport = transport;
    }

    public String getOutcomeListener() {
        return outcomeListener;
    }

    public void setOutcomeListener(String outcomeListener) {
        this.outcomeListener = outcomeListener;
    }

    public String getConfiguration() {
        return configuration;
    }

    public void setConfiguration(String configuration) {
        this.configuration = configuration;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    /**
     * The options set here, by their component option name ({@code privateKey}), without Spring Boot's
     * own {@code enabled} and {@code customizer} switches: what is copied onto the component.
     */
    Map<String, Object> options(CamelContext context) {
        Map<String, Object> options = CamelPropertiesHelper.getNonNullProperties(context, this);
        options.remove("enabled");
        options.remove("customizer");
        return options;
    }

    @Override
    public String toString() {
        return "AlipayPassComponentConfiguration[values hidden]";
    }
}
