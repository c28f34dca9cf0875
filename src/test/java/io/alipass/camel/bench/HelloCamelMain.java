package io.alipass.camel.bench;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/** The reference of figure 5: a bare camel-main hello world (one timer route), which says when it is ready and stops. */
public final class HelloCamelMain {
    /** The line printed once Camel has started. */
    static final String READY = "=== hello world started ===";

    private HelloCamelMain() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:hello?period=1000").log("hello world");
            }
        });
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport m) {
                System.out.println(READY);
                System.out.flush();
            }
        });
        main.run();
    }
}
