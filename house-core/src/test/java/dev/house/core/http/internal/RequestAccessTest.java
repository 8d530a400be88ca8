package dev.house.core.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.house.core.http.HttpException;
import dev.house.core.http.HttpHeaders;
import dev.house.core.http.HttpLimits;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.HttpVersion;
import dev.house.core.http.Request;
import dev.house.core.http.RequestTarget;
import dev.house.core.http.TlsInfo;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class RequestAccessTest {

    @Test
    void aRequestBuiltAsReceivedCarriesItsConnectionsFacts() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Host", "example.com");
        InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 40000);

        Request request = RequestAccess.received(HttpMethod.GET, "/a?b=c",
                RequestTarget.parse("/a?b=c", HttpMethod.GET, 10), HttpVersion.HTTP_1_1, headers, null, 10,
                remote, new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256", "example.com"), 42, 7);

        assertThat(request.path()).isEqualTo("/a");
        assertThat(request.queryParameter("b")).isEqualTo("c");
        assertThat(request.remoteAddress()).isEqualTo(remote);
        assertThat(request.isSecure()).isTrue();
        assertThat(request.id()).isEqualTo(42);
        assertThat(request.receivedNanos()).isEqualTo(7);
        assertThat(request.body()).isEmpty();
    }

    @Test
    void aRequestFromFieldsGetsTheRequestLineRules() {
        HttpLimits limits = HttpLimits.defaults();
        HttpHeaders headers = new HttpHeaders();

        assertThat(RequestAccess.received(limits, "GET", "/a/./b?x=%C3%BC", HttpVersion.HTTP_1_1, headers,
                new byte[0], null, null, 1, 0))
                .satisfies(r -> assertThat(r.path()).isEqualTo("/a/b"))
                .satisfies(r -> assertThat(r.queryParameter("x")).isEqualTo("\u00fc"));
        assertThatThrownBy(() -> RequestAccess.received(limits, "BREW", "/", HttpVersion.HTTP_1_1, headers,
                null, null, null, 1, 0))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_IMPLEMENTED))
                .hasMessage("Method BREW is not implemented");
        assertThatThrownBy(() -> RequestAccess.received(limits, "GET", "/%00", HttpVersion.HTTP_1_1, headers,
                null, null, null, 1, 0))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST));
    }

    @Test
    void aRequestFromFieldsWithTooManyFieldsIsRefused() {
        HttpLimits limits = HttpLimits.defaults().withMaxHeaderCount(2);
        HttpHeaders headers = new HttpHeaders().add("a", "1").add("b", "2").add("c", "3");

        assertThatThrownBy(() -> RequestAccess.received(limits, "GET", "/", HttpVersion.HTTP_1_1, headers,
                null, null, null, 1, 0))
                .isInstanceOfSatisfying(HttpException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE))
                .hasMessage("More than 2 header fields");
    }

    @Test
    void anAccessThatIsNotRequestsOwnIsRefused() {
        RequestAccess.Access forged = new RequestAccess.Access() {
            @Override
            public Request received(HttpMethod method, String target, RequestTarget decoded, HttpVersion version,
                                    HttpHeaders headers, byte[] body, int maxParameterCount,
                                    InetSocketAddress remote, TlsInfo tls, long id, long receivedNanos) {
                return null;
            }

            @Override
            public void endExchange(Request request) {
            }

            @Override
            public void keepForStream(Request request) {
            }
        };

        assertThatThrownBy(() -> RequestAccess.install(forged))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("only Request installs its access");
    }

    @Test
    void endingAnExchangeReleasesWhatTheRequestHeldOnce() {
        Request request = Request.builder(HttpMethod.POST, "/upload").build();
        int[] closed = {0};
        request.closeWhenDone(() -> closed[0]++);

        RequestAccess.endExchange(request);
        RequestAccess.endExchange(request);

        assertThat(closed[0]).isEqualTo(1);
    }

    @Test
    void aRequestKeptForAStreamStillAnswersItsPathAndQuery() {
        Request request = Request.builder(HttpMethod.GET, "/a/%62c?room=x%20y&room=z&n=1").header("Accept", "text/event-stream").build();
        String path = request.path();
        var query = request.queryParameters();

        RequestAccess.keepForStream(request);

        assertThat(request.path()).isEqualTo(path).isEqualTo("/a/bc");
        assertThat(request.rawQuery()).isEqualTo("room=x%20y&room=z&n=1");
        assertThat(request.queryParameters()).isEqualTo(query);
        assertThat(request.queryParameter("room")).isEqualTo("x y");
        assertThat(request.header("Accept")).isEqualTo("text/event-stream");
    }
}
