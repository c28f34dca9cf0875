package io.alipass.camel.kamelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The Kamelet has the Apache Kamelet catalog's shape, says in its definition exactly the parameters its
 * template uses, marks exactly the component's secret options as credentials, and is the same file in
 * the jar as at the top of the repository.
 */
class KameletShapeTest {
    static final Path FILE = Path.of("kamelets/alipay-pass-update-sink.kamelet.yaml");
    static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("unchecked")
    static Map<String, Object> kamelet() throws Exception {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(FILE, StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String... path) {
        Map<String, Object> at = m;
        for (String p : path) {
            at = (Map<String, Object>) at.get(p);
            assertNotNull(at, String.join(".", path));
        }
        return at;
    }

    static JsonNode componentMetadata() throws Exception {
        try (InputStream in = KameletShapeTest.class.getClassLoader().getResourceAsStream("META-INF/io/alipass/camel/component/alipay-pass.json")) {
            return JSON.readTree(in);
        }
    }

    @Test
    void itIsASinkKameletInTheCatalogsShape() throws Exception {
        Map<String, Object> k = kamelet();
        assertEquals("Kamelet", k.get("kind"));
        assertEquals("camel.apache.org/v1", k.get("apiVersion"));
        assertEquals("alipay-pass-update-sink", map(k, "metadata").get("name"));
        assertEquals("sink", map(k, "metadata", "labels").get("camel.apache.org/kamelet.type"));
        assertEquals("kamelet:source", map(k, "spec", "template", "from").get("uri"));
        assertEquals("object", map(k, "spec", "definition").get("type"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theParametersDefinedAreExactlyThoseTheTemplateUsesAndTheRequiredOnesAreDefined() throws Exception {
        Map<String, Object> definition = map(kamelet(), "spec", "definition");
        Set<String> defined = new TreeSet<>(((Map<String, Object>) definition.get("properties")).keySet());
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("\\{\\{\\??([A-Za-z]+)}}").matcher(Files.readString(FILE, StandardCharsets.UTF_8));
        while (m.find()) {
            used.add(m.group(1));
        }
        assertEquals(defined, used);
        assertTrue(defined.containsAll((List<String>) definition.get("required")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void exactlyTheComponentsSecretOptionsArePasswordsInTheCredentialsGroup() throws Exception {
        JsonNode options = componentMetadata().get("properties");
        Map<String, Object> properties = (Map<String, Object>) map(kamelet(), "spec", "definition").get("properties");
        properties.forEach((name, p) -> {
            Map<String, Object> property = (Map<String, Object>) p;
            JsonNode option = options.get(name);
            boolean secret = option != null && option.path("secret").asBoolean(false);
            assertEquals(secret, "password".equals(property.get("format")), name + " format: password");
            List<String> descriptors = (List<String>) property.getOrDefault("x-descriptors", List.of());
            assertEquals(secret, descriptors.contains("urn:camel:group:credentials"), name + " in the credentials group");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyParameterPassedToTheComponentIsOneOfItsEndpointOptions() throws Exception {
        JsonNode options = componentMetadata().get("properties");
        List<Object> steps = (List<Object>) map(kamelet(), "spec", "template", "from").get("steps");
        Map<String, Object> to = (Map<String, Object>) ((Map<String, Object>) steps.get(0)).get("to");
        assertEquals("alipay-pass:{{api}}", to.get("uri"));
        ((Map<String, Object>) to.get("parameters")).keySet()
                .forEach(name -> assertTrue(options.has(name), name + " is not an alipay-pass endpoint option"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void itDependsOnThisVersionOfTheLibrary() throws Exception {
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile()).getDocumentElement();
        String version = null;
        for (var n = pom.getFirstChild(); n != null; n = n.getNextSibling()) {
            if ("version".equals(n.getNodeName())) {
                version = n.getTextContent().trim();
            }
        }
        List<String> dependencies = (List<String>) map(kamelet(), "spec").get("dependencies");
        assertTrue(dependencies.contains("mvn:io.alipass:alipass-camel:" + version), dependencies.toString());
        assertTrue(dependencies.contains("camel:kamelet"), dependencies.toString());
    }

    @Test
    void theJarCarriesTheSameFileUnderKamelets() throws Exception {
        try (InputStream in = KameletShapeTest.class.getClassLoader().getResourceAsStream("kamelets/alipay-pass-update-sink.kamelet.yaml")) {
            assertNotNull(in, "kamelets/alipay-pass-update-sink.kamelet.yaml is on the classpath");
            assertEquals(Files.readString(FILE, StandardCharsets.UTF_8), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
