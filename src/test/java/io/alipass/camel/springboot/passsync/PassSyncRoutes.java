package io.alipass.camel.springboot.passsync;

import io.alipass.camel.component.AlipayPassConstants;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The first app's route, in Java: queue in, Alipay, and one queue per outcome. */
@Component
public class PassSyncRoutes extends RouteBuilder {
    /** The outcome, written from the component's headers (JMS does not carry Camel* headers). */
    static final String OUTCOME_JSON = "{\"outcome\":\"${header." + AlipayPassConstants.OUTCOME + "}\","
            + "\"key\":\"${header." + AlipayPassConstants.KEY + "}\",\"code\":\"${header." + AlipayPassConstants.CODE + "}\","
            + "\"sub_code\":\"${header." + AlipayPassConstants.SUB_CODE + "}\",\"attempts\":${header." + AlipayPassConstants.ATTEMPTS + "}}";

    @Override
    public void configure() {
        // A transient fault (gateway busy, timeout) is retried a few times, then dead-lettered with the original record.
        errorHandler(deadLetterChannel("jms:queue:pass-updates.dead").useOriginalMessage()
                .maximumRedeliveries(2).redeliveryDelay(10));

        from("jms:queue:pass-updates").routeId("pass-updates")
                .to("alipay-pass:instance-update")
                .setBody(simple(OUTCOME_JSON))
                .choice()
                    .when(header(AlipayPassConstants.OUTCOME).isEqualTo("success")).to("jms:queue:pass-updates.done")
                    .otherwise().to("jms:queue:pass-updates.failed");
    }
}
