package dev.house.spring.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.handler.param.ParamType;
import dev.house.core.http.Execution;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.session.Session;
import dev.house.core.sse.SseChannels;
import dev.house.spring.sse.ChannelPublisher;
import dev.house.spring.testing.HttpProbe;
import dev.house.spring.testing.SseProbe;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code @HouseHandler} methods served over real sockets, with validation from the application's validator. */
@SpringBootTest(classes = AnnotatedHandlerApplicationTests.RoomsApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "house.port=0", "house.event-loops=1" })
class AnnotatedHandlerApplicationTests {

    private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final JsonMapper json = JsonMapper.builder().build();

    @Value("${local.house.port}")
    int port;

    @Autowired
    ChannelPublisher publisher;

    @Test
    void servesAClosingRouteWithAPathVariable() throws Exception {
        HttpResponse<String> response = HttpProbe.get(port, "/rooms/lobby");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(response.body()).isEqualTo("<h1>lobby</h1> page 1");
    }

    @Test
    void bindsOptionalQueryParameters() throws Exception {
        assertThat(HttpProbe.get(port, "/rooms/lobby?page=3").body()).isEqualTo("<h1>lobby</h1> page 3");
    }

    @Test
    void postsFormFieldsToAJsonRoute() throws Exception {
        HttpResponse<String> response = post("/rooms/lobby/messages", "application/x-www-form-urlencoded",
                "text=hello+there");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json.readTree(response.body())).isEqualTo(json.readTree("{\"room\":\"lobby\",\"text\":\"hello there\"}"));
    }

    @Test
    void answersEveryViolatedConstraintAsProblemJson() throws Exception {
        HttpResponse<String> response = post("/rooms/" + "x".repeat(17) + "/messages",
                "application/x-www-form-urlencoded", "text=+");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("type").asString()).isEqualTo("tag:house.dev,2026:problem:invalid-parameters");
        assertThat(problem.get("errors")).hasSize(2);
        assertThat(names(problem)).containsExactly("room", "text");
        assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo("size must be between 1 and 16");
    }

    @Test
    void bindsAndValidatesAWholeJsonBody() throws Exception {
        HttpResponse<String> ok = post("/members", "application/json", "{\"nick\":\"ada\",\"email\":\"ada@example.com\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json.readTree(ok.body()).get("nick").asString()).isEqualTo("ada");

        HttpResponse<String> invalid = post("/members", "application/json", "{\"nick\":\"\",\"email\":\"nope\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(names(json.readTree(invalid.body()))).containsExactly("email", "nick");
    }

    @Test
    void answersAMalformedJsonBodyWithoutEchoingIt() throws Exception {
        HttpResponse<String> response = post("/members", "application/json", "{\"nick\": <script>");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("The request body is not valid JSON").doesNotContain("<script>");
    }

    @Test
    void readsJsonBodiesStrictly() throws Exception {
        assertThat(post("/members", "application/json", "{\"nick\":\"a\",\"nick\":\"b\",\"email\":\"a@b.example\"}")
                .statusCode()).isEqualTo(400);
        assertThat(post("/members", "application/json", "{\"nick\":\"a\",\"email\":\"a@b.example\"} {}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void namesWhereABodyDoesNotFitItsType() throws Exception {
        HttpResponse<String> response = post("/members", "application/json", "{\"nick\":[1,2],\"email\":\"a@b.example\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("detail").asString())
                .isEqualTo("the body does not fit the expected Member at 'nick'");
    }

    @Test
    void refusesABodyThatIsNotJsonWith415() throws Exception {
        assertThat(post("/members", "application/x-www-form-urlencoded", "nick=ada").statusCode()).isEqualTo(415);
    }

    @Test
    void answersATypeErrorOfTheCoreBinderAsProblemJson() throws Exception {
        HttpResponse<String> response = HttpProbe.get(port, "/rooms/lobby?page=first");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(names(json.readTree(response.body()))).containsExactly("page");
    }

    @Test
    void bindsHeadersCookiesAndDefaults() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/whoami"))
                .header("X-User", "grace").header("Cookie", "theme=dark; other=1").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.readTree(response.body()))
                .isEqualTo(json.readTree("{\"user\":\"grace\",\"theme\":\"dark\",\"limit\":10}"));

        HttpResponse<String> bare = HttpProbe.get(port, "/whoami?limit=2");
        assertThat(json.readTree(bare.body())).isEqualTo(json.readTree("{\"user\":\"nobody\",\"limit\":2}"));
    }

    @Test
    void convertsWithParamTypeBeans() throws Exception {
        assertThat(HttpProbe.get(port, "/cards/QH").body()).isEqualTo("queen of hearts");
        HttpResponse<String> wrong = HttpProbe.get(port, "/cards/ZZ");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("a playing card");
    }

    @Test
    void redirectsToTheLocationTheMethodReturns() throws Exception {
        HttpResponse<String> response = HttpProbe.get(port, "/r/lobby");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/rooms/lobby");
    }

    @Test
    void aRedirectToALocationTheCoreRefusesAnswers500() throws Exception {
        HttpResponse<String> response = HttpProbe.get(port, "/r-broken");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void runsEventLoopRoutesOnTheLoopAndOthersOnWorkers() throws Exception {
        assertThat(HttpProbe.get(port, "/thread/loop").body()).startsWith("house-loop-");
        assertThat(HttpProbe.get(port, "/thread/worker").body()).doesNotStartWith("house-loop-");
    }

    @Test
    void streamRoutesSubscribeClientsThatThenReceivePublishedEvents() throws Exception {
        try (SseProbe events = SseProbe.open(port, "/rooms/kitchen/events")) {
            assertThat(events.response().statusCode()).isEqualTo(200);
            HttpProbe.await(() -> publisher.subscriberCount("kitchen") == 1, "the client subscribes");
            publisher.publish("kitchen", "message", Map.of("text", "dinner is ready"));
            assertThat(events.nextLineStartingWith("data:")).isEqualTo("data: {\"text\":\"dinner is ready\"}");
        }
    }

    @Test
    void keepsASessionAcrossRequestsByItsCookie() throws Exception {
        assertThat(HttpProbe.get(port, "/visits/peek").body()).isEqualTo("no session");
        HttpResponse<String> first = HttpProbe.get(port, "/visits");
        assertThat(first.body()).isEqualTo("1");
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("house-session=").contains("HttpOnly");
        String token = cookie.substring(0, cookie.indexOf(';'));
        HttpResponse<String> second = client.send(HttpRequest.newBuilder(uri("/visits")).header("Cookie", token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(second.body()).isEqualTo("2");
        HttpResponse<String> peek = client.send(HttpRequest.newBuilder(uri("/visits/peek")).header("Cookie", token)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(peek.body()).isEqualTo("2 visits");
    }

    @Test
    void aStreamRouteWithInvalidArgumentsAnswersTheProblemDocument() throws Exception {
        HttpResponse<String> response = HttpProbe.get(port, "/rooms/" + "x".repeat(17) + "/events");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"name\":\"room\"");
    }

    @Test
    void headToAGetRouteMarkedUnsafeIs405AndDoesNotRunTheMethod() throws Exception {
        int before = RoomHandlers.pings.get();
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(uri("/ping-all"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(405);
        assertThat(head.headers().firstValue("Allow")).hasValue("GET");
        assertThat(RoomHandlers.pings.get()).isEqualTo(before);

        assertThat(HttpProbe.get(port, "/ping-all").statusCode()).isEqualTo(200);
        assertThat(RoomHandlers.pings.get()).isEqualTo(before + 1);
    }

    @Test
    void headToAnOrdinaryGetRouteStillRunsIt() throws Exception {
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(uri("/rooms/lobby"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
    }

    @Test
    void aWholeJsonBodyWithMalformedUtf8Is400NamingTheBody() throws Exception {
        byte[] overlong = "{\"nick\":\"a\u0001\",\"email\":\"a@b.example\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = new String(overlong, java.nio.charset.StandardCharsets.UTF_8).indexOf('\u0001');
        byte[] body = new byte[overlong.length + 1];
        System.arraycopy(overlong, 0, body, 0, at);
        body[at] = (byte) 0xc0; // an overlong '/': C0 AF
        body[at + 1] = (byte) 0xaf;
        System.arraycopy(overlong, at + 1, body, at + 2, overlong.length - at - 1);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/members"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Invalid UTF-8 in the JSON body");
    }

    @Test
    void aWholeJsonBodyInAnotherCharsetIs415() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/members"))
                .header("Content-Type", "application/json; charset=UTF-16LE")
                .POST(HttpRequest.BodyPublishers.ofByteArray("{\"nick\":\"a\",\"email\":\"a@b.example\"}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_16LE))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("JSON must be UTF-8");
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static List<String> names(JsonNode problem) {
        return problem.get("errors").valueStream().map(e -> e.get("name").asString()).toList();
    }

    record Message(String room, String text) {
    }

    record Member(@NotBlank String nick, @Email String email) {
    }

    record Card(String rank, String suit) {
    }

    @HouseHandler
    static class RoomHandlers {

        private final SseChannels channels;

        RoomHandlers(SseChannels channels) {
            this.channels = channels;
        }

        static final AtomicInteger pings = new AtomicInteger();

        @JsonRoute(path = "/ping-all", unsafe = true)
        Map<String, Integer> pingAll() {
            return Map.of("pings", pings.incrementAndGet());
        }

        @ClosingRoute(path = "/rooms/{room}")
        String room(@Size(min = 1, max = 16) String room, Optional<Integer> page) {
            return "<h1>" + room + "</h1> page " + page.orElse(1);
        }

        @JsonRoute(method = HttpMethod.POST, path = "/rooms/{room}/messages")
        Message post(@Size(min = 1, max = 16) String room, @NotBlank String text) {
            return new Message(room, text);
        }

        @JsonRoute(method = HttpMethod.POST, path = "/members")
        Member join(@JsonBody Member member) {
            return member;
        }

        @JsonRoute(path = "/whoami")
        Map<String, Object> who(@RequestHeader("X-User") Optional<String> user, @CookieValue @Nullable String theme,
                                @HttpParam(defaultValue = "10") int limit) {
            return theme == null
                    ? Map.of("user", user.orElse("nobody"), "limit", limit)
                    : Map.of("user", user.orElse("nobody"), "theme", theme, "limit", limit);
        }

        @ClosingRoute(path = "/cards/{card}", contentType = "text/plain; charset=utf-8")
        String card(Card card) {
            return card.rank() + " of " + card.suit();
        }

        @RedirectRoute(path = "/r/{room}")
        String shortLink(String room) {
            return "/rooms/" + room;
        }

        @RedirectRoute(path = "/r-broken")
        String brokenLink() {
            return "/rooms/a b";
        }

        @ClosingRoute(path = "/thread/loop", execution = Execution.EVENT_LOOP)
        String onLoop() {
            return Thread.currentThread().getName();
        }

        @ClosingRoute(path = "/thread/worker")
        String onWorker() {
            return Thread.currentThread().getName();
        }

        @ClosingRoute(path = "/visits", contentType = "text/plain; charset=utf-8")
        String visit(Session session) {
            AtomicInteger visits = session.attribute("visits", AtomicInteger.class);
            if (visits == null) {
                visits = new AtomicInteger();
                session.attribute("visits", visits);
            }
            return Integer.toString(visits.incrementAndGet());
        }

        @ClosingRoute(path = "/visits/peek", contentType = "text/plain; charset=utf-8")
        String peek(Optional<Session> session) {
            return session.map(s -> s.attribute("visits", AtomicInteger.class).get() + " visits").orElse("no session");
        }

        @StreamRoute(path = "/rooms/{room}/events")
        Response events(@Size(max = 16) String room, Request request) {
            return channels.subscribe(request, List.of(room));
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(RoomHandlers.class)
    static class RoomsApplication {

        @Bean
        ParamType<Card> playingCard() {
            return ParamType.define("card", Card.class)
                    .parse((text, earlier) -> switch (text) {
                        case "QH" -> new Card("queen", "hearts");
                        case "AS" -> new Card("ace", "spades");
                        default -> null;
                    })
                    .describedAs("a playing card")
                    .build();
        }
    }
}
