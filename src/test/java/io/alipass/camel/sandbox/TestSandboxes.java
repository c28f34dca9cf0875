package io.alipass.camel.sandbox;

import java.nio.file.Path;

/**
 * Sandbox settings for tests. Every test sandbox shares one keys directory under {@code target/},
 * so the sandbox's Alipay and root keys are generated once per build, not once per test class:
 * a 2048-bit RSA key takes up to a second or two to generate.
 */
final class TestSandboxes {
    static final Path KEYS = Path.of("target", "sandbox-test-keys");

    private TestSandboxes() {
    }

    static SandboxSettings.Builder settings() {
        return SandboxSettings.builder().keysDir(KEYS);
    }

    static SandboxGateway start() {
        return SandboxGateway.start(settings().build());
    }
}
