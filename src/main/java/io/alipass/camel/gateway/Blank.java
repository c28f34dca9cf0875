package io.alipass.camel.gateway;

/** The one definition of "no value" the gateway protocol uses: null, empty, or only white space. */
final class Blank {
    private Blank() {
    }

    static boolean is(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!Character.isWhitespace(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
