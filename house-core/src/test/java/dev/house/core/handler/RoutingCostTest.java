package dev.house.core.handler;

import static dev.house.core.testing.LinearCost.assertLinear;
import static dev.house.core.testing.LinearCost.repeat;

import dev.house.core.http.HttpMethod;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import org.junit.jupiter.api.Test;

/** Path templates and route matching fed long paths at 10 KB and 1 MB: cost must grow linearly. */
class RoutingCostTest {

    @Test
    void parsingALongTemplateIsLinear() {
        assertLinear("PathTemplate on /a/{v0}/a/{v1}...", size -> {
            StringBuilder sb = new StringBuilder(size + 16);
            for (int i = 0; sb.length() < size; i++) {
                sb.append("/a/{v").append(i).append('}');
            }
            return sb.toString();
        }, PathTemplate::parse);
    }

    @Test
    void matchingAndExtractingALongPathIsLinear() {
        Router router = Router.builder()
                .get("/a/{x}/b/{*rest}", r -> Response.text(PathVariables.of(r).get("rest")))
                .get("/a/{x}/c", r -> Response.text("c"))
                .build();
        assertLinear("Router on /a/x/b/a/a/a...", size -> Request.builder(HttpMethod.GET, "/a/x/b" + repeat("/a", size))
                .build(), request -> {
                    try {
                        router.route(request).handler().handle(request);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
        assertLinear("Router 404 on /a/x/c/c/c...", size -> Request.builder(HttpMethod.GET, "/a/x/c" + repeat("/c", size))
                .build(), router::route);
    }
}
