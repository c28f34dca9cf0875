package io.alipass.camel.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The component JSON that camel-component-maven-plugin generates from the annotations (what a catalog,
 * Kaoto or {@code camel doc} list) describes every option and marks every secret, and Camel finds the
 * component and its generated configurers by scheme, without reflection.
 */
class GeneratedMetadataTest {
    private static final String JSON_PATH = "META-INF/io/alipass/camel/component/alipay-pass.json";
    private static final Set<String> SECRETS = Set.of("privateKey", "privateKeyPassword", "appAuthToken");

    private static JsonNode metadata() throws Exception {
        try (InputStream in = GeneratedMetadataTest.class.getClassLoader().getResourceAsStream(JSON_PATH)) {
            assertNotNull(in, JSON_PATH + " is generated into the jar");
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void everyComponentAndEndpointOptionAndHeaderHasADescription() throws Exception {
        JsonNode json = metadata();
        List<String> undescribed = new ArrayList<>();
        for (String section : List.of("componentProperties", "properties", "headers")) {
            json.get(section).fields().forEachRemaining(option -> {
                if (option.getValue().path("description").asText("").isBlank()) {
                    undescribed.add(section + "." + option.getKey());
                }
            });
        }
        assertTrue(undescribed.isEmpty(), "options without a description: " + undescribed);
    }

    @Test
    void theKeyItsPasswordAndTheAppAuthTokenAreMarkedSecretAndNothingElseIs() throws Exception {
        JsonNode json = metadata();
        for (String section : List.of("componentProperties", "properties")) {
            json.get(section).fields().forEachRemaining(option -> assertEquals(SECRETS.contains(option.getKey()),
                    option.getValue().path("secret").asBoolean(), section + "." + option.getKey()));
        }
        assertTrue(json.get("headers").get(AlipayPassConstants.APP_AUTH_TOKEN).path("secret").asBoolean());
    }

    @Test
    void theEndpointIsAProducerWithOnePathPerApi() throws Exception {
        JsonNode json = metadata();
        assertEquals("alipay-pass", json.get("component").get("scheme").asText());
        assertTrue(json.get("component").get("producerOnly").asBoolean());
        JsonNode api = json.get("properties").get("api");
        assertEquals("path", api.get("kind").asText());
        assertEquals(List.of("instance-update", "template-update", "update"),
                new ObjectMapper().convertValue(api.get("enum"), List.class));
    }

    @Test
    void camelFindsTheComponentAndItsGeneratedConfigurersByScheme() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            assertTrue(camel.getComponent("alipay-pass") instanceof AlipayPassComponent);
            var ext = camel.getCamelContextExtension();
            assertNotNull(org.apache.camel.support.PluginHelper.getConfigurerResolver(ext)
                    .resolvePropertyConfigurer("alipay-pass-component", camel), "component configurer");
            assertNotNull(org.apache.camel.support.PluginHelper.getConfigurerResolver(ext)
                    .resolvePropertyConfigurer("alipay-pass-endpoint", camel), "endpoint configurer");
            assertNotNull(ext.getEndpointUriFactory("alipay-pass"), "URI factory");
        }
    }
}
