package io.alipass.camel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The library a user depends on stays lean: what only the runner and the sandbox need is optional in
 * the pom (so Maven never hands it on), and no library package imports it (so the library works
 * without it). Reading the pom is fast and exact about the first part; the import scan covers the second.
 */
class LeanLibraryTest {
    /**
     * The only artifacts a library user gets, each with a package of it that library code imports (so an
     * unused one, like camel-jackson once was, fails here), or "" for Camel's core that the routes
     * need at run time without importing it.
     */
    static final Map<String, String> LIBRARY = Map.ofEntries(
            Map.entry("jackson-databind", "com.fasterxml.jackson.databind"),
            Map.entry("bcpkix-jdk18on", "org.bouncycastle"),
            Map.entry("bcprov-jdk18on", "org.bouncycastle"),
            Map.entry("httpclient5", "org.apache.hc.client5"),
            Map.entry("camel-api", "org.apache.camel"),
            Map.entry("camel-support", "org.apache.camel.support"),
            Map.entry("camel-file", "org.apache.camel.component.file"),
            Map.entry("camel-core-model", "org.apache.camel.builder"),
            Map.entry("camel-core-engine", ""),
            Map.entry("camel-core-processor", ""),
            Map.entry("camel-core-reifier", ""),
            Map.entry("camel-core-languages", ""),
            Map.entry("camel-direct", ""),
            Map.entry("camel-log", ""),
            Map.entry("camel-bean", ""));

    /**
     * Runner-only artifacts: camel-main, the YAML DSL, the sources' transports (JMS and the Artemis client,
     * platform-http), metrics, health, the Artemis server, logging.
     */
    static final Set<String> RUNNER_ONLY = Set.of("camel-main", "camel-yaml-dsl", "camel-platform-http-main",
            "camel-platform-http-vertx", "camel-micrometer-prometheus", "camel-health", "camel-timer",
            "artemis-jakarta-server", "log4j-slf4j2-impl", "log4j-core",
            "camel-jms", "artemis-jakarta-client", "camel-platform-http", "camel-micrometer");

    /** Packages of those artifacts that library code must not import. */
    static final List<String> RUNNER_ONLY_PACKAGES = List.of("org.apache.camel.main", "org.apache.camel.dsl.yaml",
            "org.apache.camel.component.platform.http.main", "org.apache.camel.component.platform.http.vertx", "io.vertx",
            "org.apache.activemq.artemis.core.server", "org.apache.activemq.artemis.core.config",
            "io.micrometer.prometheusmetrics", "org.apache.logging.log4j", "io.alipass.camel.runner",
            "org.apache.camel.component.jms", "org.apache.activemq", "org.apache.camel.component.platform.http",
            "io.micrometer", "org.apache.camel.component.micrometer", "jakarta.jms", "org.springframework");

    @Test
    void everyRunnerOnlyDependencyIsOptional() throws Exception {
        Map<String, String> found = new TreeMap<>();
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        Element dependencies = directDependencies(pom.getDocumentElement());
        NodeList deps = dependencies.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            String artifact = text(d, "artifactId");
            String scope = text(d, "scope");
            String optional = text(d, "optional");
            if (RUNNER_ONLY.contains(artifact)) {
                found.put(artifact, "true".equals(optional) ? "optional" : "scope " + (scope == null ? "compile" : scope));
            }
        }
        assertEquals(RUNNER_ONLY, found.keySet(), "each runner-only artifact is declared");
        found.forEach((artifact, how) -> assertEquals("optional", how, artifact + " must be <optional>true</optional>"));
    }

    /**
     * Library classes that a user opts into by adding the feature's own dependency, which the pom keeps
     * optional: only these may import it. The JDBC idempotency store needs camel-sql (and the Spring JDBC
     * exceptions its JdbcTemplate throws); nothing else in the library loads it.
     */
    static final Map<String, List<String>> OPT_IN_FEATURES = Map.of(
            "route/JdbcUpdateRepository.java", List.of("org.springframework.dao"));

    /** Issue 16: what the Spring Boot auto-configuration (package springboot) compiles against. */
    static final Set<String> SPRING_BOOT_ONLY = Set.of("camel-spring-boot", "spring-boot-autoconfigure", "spring-boot-actuator",
            "spring-boot-configuration-processor");

    @Test
    void springBootIsProvidedAndOptionalSoNeitherAUserNorTheRunnerJarGetsIt() throws Exception {
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        NodeList deps = directDependencies(pom.getDocumentElement()).getElementsByTagName("dependency");
        Map<String, String> found = new TreeMap<>();
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            if (SPRING_BOOT_ONLY.contains(text(d, "artifactId"))) {
                found.put(text(d, "artifactId"), text(d, "scope") + "/" + text(d, "optional"));
            }
        }
        assertEquals(SPRING_BOOT_ONLY, found.keySet(), "each Spring Boot artifact is declared");
        found.forEach((artifact, how) -> assertEquals("provided/true", how, artifact + " must be provided and optional"));
    }

    @Test
    void noLibraryPackageImportsARunnerOnlyDependency() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String pkg : LIBRARY_PACKAGES) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/alipass/camel", pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                        List<String> optedIn = OPT_IN_FEATURES.getOrDefault(
                                Path.of("src/main/java/io/alipass/camel").relativize(f).toString().replace('\\', '/'), List.of());
                        if (line.startsWith("import ") && RUNNER_ONLY_PACKAGES.stream().anyMatch(p -> line.contains(" " + p + "."))
                                && optedIn.stream().noneMatch(p -> line.contains(" " + p + "."))) {
                            offenders.add(f + ": " + line);
                        }
                    }
                }
            }
        }
        assertTrue(offenders.isEmpty(), "library code importing runner-only classes: " + offenders);
    }

    @Test
    void everyOtherCompileDependencyIsOneTheLibraryUses() throws Exception {
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        NodeList deps = directDependencies(pom.getDocumentElement()).getElementsByTagName("dependency");
        List<String> unexpected = new ArrayList<>();
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            String artifact = text(d, "artifactId");
            boolean reachesUsers = text(d, "scope") == null && !"true".equals(text(d, "optional"));
            if (reachesUsers && !LIBRARY.containsKey(artifact)) {
                unexpected.add(artifact);
            }
        }
        assertTrue(unexpected.isEmpty(), "compile dependencies a library user would get but the library does not need"
                + " (make them optional or test-scoped, or add them to LIBRARY with the package that uses them): " + unexpected);
    }

    @Test
    void everyLibraryDependencyIsImportedByLibraryCode() throws IOException {
        List<String> imports = new ArrayList<>();
        for (String pkg : LIBRARY_PACKAGES) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/alipass/camel", pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("import ")).forEach(imports::add);
                }
            }
        }
        List<String> unused = new ArrayList<>();
        LIBRARY.forEach((artifact, pkg) -> {
            if (!pkg.isEmpty() && imports.stream().noneMatch(l -> l.contains(" " + pkg + "."))) {
                unused.add(artifact);
            }
        });
        assertTrue(unused.isEmpty(), "library dependencies no library code imports: " + unused);
    }

    /** The packages a library user gets (all but the runner and the sandbox's own entry points). */
    private static final List<String> LIBRARY_PACKAGES = List.of("gateway", "pass", "component", "route");

    /** The project's own {@code <dependencies>}, not those of {@code <dependencyManagement>} or a plugin. */
    private static Element directDependencies(Element project) {
        NodeList children = project.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals("dependencies")) {
                return e;
            }
        }
        throw new AssertionError("pom.xml has no <dependencies>");
    }

    private static String text(Element e, String child) {
        NodeList n = e.getElementsByTagName(child);
        return n.getLength() == 0 ? null : n.item(0).getTextContent().trim();
    }
}
