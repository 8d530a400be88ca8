package dev.house.core.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.house.core.http.Handler;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.testing.Intercepted;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CorsTest {
    private static final String APP = "https://app.example.com";

    private final CorsPolicy appPolicy = CorsPolicy.builder()
            .allowMethods(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE)
            .allowHeaders("Content-Type", "X-Requested-With")
            .exposeHeaders("X-Total-Count")
            .allowCredentials(true)
            .maxAge(Duration.ofMinutes(10))
            .build();
    private final Cors cors = Cors.builder().allow(APP, appPolicy).build();

    private static Response send(Cors cors, HttpMethod method, String... headers) throws Exception {
        Request.Builder b = Request.builder(method, "/api/items");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        Handler handler = Intercepted.handler(r -> Response.text("items").header("X-Total-Count", "3"), cors);
        return handler.handle(b.build());
    }

    private static boolean hasCorsHeaders(Response response) {
        for (int i = 0; i < response.headers().size(); i++) {
            if (response.headers().name(i).toLowerCase().startsWith("access-control-")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void preflightFromAnAllowedOriginGets204WithThePolicy() throws Exception {
        Response response = send(cors, HttpMethod.OPTIONS, "Origin", APP,
                "Access-Control-Request-Method", "DELETE",
                "Access-Control-Request-Headers", "content-type");

        assertThat(response.status().code()).isEqualTo(204);
        assertThat(response.headers().get("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(response.headers().get("Access-Control-Allow-Methods")).isEqualTo("GET, POST, DELETE");
        assertThat(response.headers().get("Access-Control-Allow-Headers")).isEqualTo("Accept, Accept-Language, Content-Language, Content-Type, X-Requested-With");
        assertThat(response.headers().get("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(response.headers().get("Access-Control-Max-Age")).isEqualTo("600");
        assertThat(response.headers().containsToken("Vary", "Origin")).isTrue();
    }

    @Test
    void preflightFromAnotherOriginGets403WithoutCorsHeaders() throws Exception {
        Response response = send(cors, HttpMethod.OPTIONS, "Origin", "https://evil.example",
                "Access-Control-Request-Method", "GET");

        assertThat(response.status().code()).isEqualTo(403);
        assertThat(hasCorsHeaders(response)).isFalse();
    }

    @Test
    void preflightForAMethodNotAllowedGets403() throws Exception {
        Response response = send(cors, HttpMethod.OPTIONS, "Origin", APP, "Access-Control-Request-Method", "PUT");
        assertThat(response.status().code()).isEqualTo(403);
        assertThat(hasCorsHeaders(response)).isFalse();
    }

    @Test
    void preflightForAHeaderNotAllowedGets403() throws Exception {
        Response response = send(cors, HttpMethod.OPTIONS, "Origin", APP,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "x-secret, content-type");
        assertThat(response.status().code()).isEqualTo(403);
    }

    @Test
    void optionsWithoutPreflightHeadersReachesTheHandler() throws Exception {
        Response response = send(cors, HttpMethod.OPTIONS, "Origin", APP);
        assertThat(response.status().code()).isEqualTo(200);
    }

    @Test
    void requestFromAnAllowedOriginGetsTheExactOriginAndExposedHeaders() throws Exception {
        Response response = send(cors, HttpMethod.GET, "Origin", APP);

        assertThat(response.status().code()).isEqualTo(200);
        assertThat(response.headers().get("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(response.headers().get("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(response.headers().get("Access-Control-Expose-Headers")).isEqualTo("X-Total-Count");
        assertThat(response.headers().get("Vary")).isEqualTo("Origin");
    }

    @Test
    void originsCompareCaseInsensitively() throws Exception {
        Response response = send(cors, HttpMethod.GET, "Origin", "HTTPS://App.Example.com");
        assertThat(response.headers().get("Access-Control-Allow-Origin")).isEqualTo("HTTPS://App.Example.com");
    }

    @Test
    void requestFromAnotherOriginGetsNoCorsHeadersButVary() throws Exception {
        Response response = send(cors, HttpMethod.GET, "Origin", "https://app.example.com.evil.example");

        assertThat(response.status().code()).isEqualTo(200);
        assertThat(hasCorsHeaders(response)).isFalse();
        assertThat(response.headers().get("Vary")).isEqualTo("Origin");
    }

    @Test
    void sameOriginRequestGetsNoCorsHeaders() throws Exception {
        Response response = send(cors, HttpMethod.GET);
        assertThat(hasCorsHeaders(response)).isFalse();
    }

    @Test
    void unconfiguredCorsAddsNothing() throws Exception {
        Cors none = Cors.builder().build();

        Response preflight = send(none, HttpMethod.OPTIONS, "Origin", APP, "Access-Control-Request-Method", "GET");
        Response get = send(none, HttpMethod.GET, "Origin", APP);

        assertThat(hasCorsHeaders(preflight)).isFalse();
        assertThat(hasCorsHeaders(get)).isFalse();
        assertThat(get.headers().contains("Vary")).isFalse();
    }

    @Test
    void anyOriginPolicyAnswersWithAStarAndNoCredentials() throws Exception {
        Cors open = Cors.builder().allow(APP, appPolicy).allowAnyOrigin(CorsPolicy.builder().build()).build();

        Response other = send(open, HttpMethod.GET, "Origin", "https://other.example");
        Response app = send(open, HttpMethod.GET, "Origin", APP);

        assertThat(other.headers().get("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(other.headers().contains("Access-Control-Allow-Credentials")).isFalse();
        assertThat(app.headers().get("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(app.headers().get("Access-Control-Allow-Credentials")).isEqualTo("true");
    }

    @Test
    void credentialsAreRefusedForAnyOrigin() {
        CorsPolicy withCredentials = CorsPolicy.builder().allowCredentials(true).build();
        assertThatThrownBy(() -> Cors.builder().allowAnyOrigin(withCredentials))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credentials");
    }

    @Test
    void policyWithoutCredentialsSendsNoCredentialsHeader() throws Exception {
        Cors plain = Cors.builder().allow(APP, CorsPolicy.builder().build()).build();
        Response response = send(plain, HttpMethod.GET, "Origin", APP);
        assertThat(response.headers().contains("Access-Control-Allow-Credentials")).isFalse();
    }

    @Test
    void anyHeaderPolicyEchoesTheRequestedHeaders() throws Exception {
        Cors any = Cors.builder().allow(APP, CorsPolicy.builder().allowAnyHeader().build()).build();
        Response response = send(any, HttpMethod.OPTIONS, "Origin", APP,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "x-a, x-b");
        assertThat(response.status().code()).isEqualTo(204);
        assertThat(response.headers().get("Access-Control-Allow-Headers")).isEqualTo("x-a, x-b");
    }

    @Test
    void varyIsMergedWithAnExistingValue() throws Exception {
        Handler handler = Intercepted.handler(r -> Response.text("x").header("Vary", "Accept-Encoding"), cors);
        Response response = handler.handle(Request.builder(HttpMethod.GET, "/").header("Origin", APP).build());
        assertThat(response.headers().get("Vary")).isEqualTo("Accept-Encoding, Origin");
    }

    @Test
    void originsMustBeSchemeHostAndPort() {
        assertThatThrownBy(() -> Cors.builder().allow("https://app.example.com/", appPolicy))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cors.builder().allow("app.example.com", appPolicy))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cors.builder().allow("null", appPolicy))
                .isInstanceOf(IllegalArgumentException.class);
        Cors.builder().allow("http://localhost:5173", appPolicy).build();
    }

    @Test
    void aDefaultPolicyApprovesTheJsonContentTypePreflight() throws Exception {
        Cors plain = Cors.builder().allow(APP, CorsPolicy.builder().build()).build();
        Response response = send(plain, HttpMethod.OPTIONS, "Origin", APP,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
        assertThat(response.status().code()).isEqualTo(204);
        assertThat(response.headers().get("Access-Control-Allow-Headers")).contains("Content-Type");
    }

    @Test
    void aHandlerFailureCarriesTheCorsHeadersToAnAllowedOrigin() throws Exception {
        Cors plain = Cors.builder().allow(APP, CorsPolicy.builder().build()).build();
        dev.house.core.handler.Router router = dev.house.core.handler.Router.builder().intercept(plain)
                .get("/api/items", r -> {
                    throw new IllegalStateException("boom");
                }).build();
        Request request = Request.builder(HttpMethod.GET, "/api/items").header("Origin", APP).build();
        Response response = router.route(request).handler().handle(request);
        assertThat(response.status().code()).isEqualTo(500);
        assertThat(response.headers().get("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.headers().get("Access-Control-Allow-Origin")).isEqualTo(APP);
    }
}
