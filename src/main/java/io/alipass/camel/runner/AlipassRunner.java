package io.alipass.camel.runner;

/** The standalone runner. Not built yet: it arrives with the Camel routes. */
public final class AlipassRunner {
    private AlipassRunner() {
    }

    public static void main(String[] args) {
        System.out.println("alipass-camel: the runner is not built yet; the protocol core is (run the tests: mvn -B -ntp verify).");
    }
}
