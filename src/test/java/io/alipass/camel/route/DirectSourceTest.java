package io.alipass.camel.route;

/** The contract through a direct: endpoint, the way an embedding application calls the template. */
class DirectSourceTest extends SourceContract {
    @Override
    String sourceUri() {
        return "direct:updates";
    }

    @Override
    void send(String body) {
        template.sendBody("direct:updates", body);
    }
}
