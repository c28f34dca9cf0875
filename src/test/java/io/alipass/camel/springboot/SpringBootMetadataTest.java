package io.alipass.camel.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What an IDE offers for {@code camel.component.alipay-pass.*} (Spring Boot's configuration metadata)
 * is exactly the component's options (its Camel metadata), each with a description: the Spring Boot
 * properties cannot drift from the component.
 */
class SpringBootMetadataTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyComponentOptionIsASpringBootPropertyWithADescriptionAndNothingElseIs() throws Exception {
        JsonNode camel = read(AlipayPassSecretSanitizer.METADATA);
        TreeSet<String> options = new TreeSet<>();
        for (Iterator<String> it = camel.get("componentProperties").fieldNames(); it.hasNext();) {
            options.add(AlipayPassFailureAnalyzer.property(it.next()));
        }
        Map<String, String> properties = new TreeMap<>();
        for (JsonNode p : read("META-INF/spring-configuration-metadata.json").get("properties")) {
            String name = p.get("name").asText();
            if (name.startsWith(AlipayPassComponentConfiguration.PREFIX + ".") && !name.endsWith(".enabled")) {
                properties.put(name, p.path("description").asText(""));
            }
        }
        assertEquals(options, properties.keySet());
        properties.forEach((name, description) -> assertFalse(description.isBlank(), name + " has no description"));
    }

    @Test
    void theSecretOptionsAreThePrivateKeyItsPasswordAndTheAppAuthToken() {
        assertEquals(java.util.Set.of("privatekey", "privatekeypassword", "appauthtoken"), AlipayPassSecretSanitizer.secretOptions());
    }

    private static JsonNode read(String resource) throws Exception {
        try (InputStream in = SpringBootMetadataTest.class.getClassLoader().getResourceAsStream(resource)) {
            return JSON.readTree(in);
        }
    }
}
