package io.alipass.camel.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The template's error handling lives in one route configuration, {@value AlipassRoutes#ERRORS}, and
 * each template instance's own parameters fill its placeholders: two instances against an unreachable
 * gateway keep their own retry counts and their own failure and dead-letter endpoints.
 */
class ErrorRouteConfigurationTest extends CamelTestSupport {
    private static final String VALID = "{\"api\":\"template.update\",\"tpl_id\":\"t1\",\"tpl_content\":{\"logo\":\"\"}}";
    private static final String INVALID = "{\"api\":\"instance.update\",\"serial_number\":\"s1\",\"status\":\"DONE\"}";

    @Override
    protected RoutesBuilder createRouteBuilder() throws Exception {
        return new AlipassRoutes(TestKeys.appOnAClosedPort());
    }

    @Override
    protected void doPostSetup() throws Exception {
        instance("one", 1);
        instance("three", 3);
    }

    private void instance(String name, int maximumRedeliveries) throws Exception {
        TemplatedRouteBuilder.builder(context, AlipassRoutes.TEMPLATE).routeId(name)
                .parameter("sourceUri", "direct:" + name)
                .parameter("successUri", "mock:" + name + "-success")
                .parameter("failureUri", "mock:" + name + "-failure")
                .parameter("deadLetterUri", "mock:" + name + "-dead")
                .parameter("maximumRedeliveries", Integer.toString(maximumRedeliveries))
                .parameter("redeliveryDelay", "5")
                .add();
    }

    @Test
    void eachInstanceRetriesAsItsOwnParametersSayAndDeadLettersToItsOwnEndpoint() throws Exception {
        MockEndpoint one = getMockEndpoint("mock:one-dead");
        MockEndpoint three = getMockEndpoint("mock:three-dead");
        one.expectedMessageCount(1);
        three.expectedMessageCount(1);

        template.sendBody("direct:one", VALID);
        template.sendBody("direct:three", VALID);

        MockEndpoint.assertIsSatisfied(context);
        assertEquals(2, one.getExchanges().get(0).getMessage().getHeader(AlipassHeaders.ATTEMPTS, Integer.class));
        assertEquals(4, three.getExchanges().get(0).getMessage().getHeader(AlipassHeaders.ATTEMPTS, Integer.class));
    }

    @Test
    void invalidInputGoesToTheFailureEndpointOfItsOwnInstance() throws Exception {
        getMockEndpoint("mock:one-failure").expectedMessageCount(0);
        MockEndpoint three = getMockEndpoint("mock:three-failure");
        three.expectedMessageCount(1);
        three.expectedHeaderReceived(AlipassHeaders.OUTCOME, "invalid-input");

        template.sendBody("direct:three", INVALID);

        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void theTemplateCarriesNoErrorHandlingOfItsOwnButOptsIntoTheRouteConfiguration() {
        var model = context.getCamelContextExtension().getContextPlugin(org.apache.camel.model.Model.class);
        var route = model.getRouteTemplateDefinition(AlipassRoutes.TEMPLATE).getRoute();
        assertEquals(AlipassRoutes.ERRORS, route.getRouteConfigurationId());
        for (ProcessorDefinition<?> step : route.getOutputs()) {
            assertTrue(!(step instanceof OnExceptionDefinition), "no onException inside the template: " + step);
        }
        assertEquals(3, model.getRouteConfigurationDefinition(AlipassRoutes.ERRORS).getOnExceptions().size());
    }
}
