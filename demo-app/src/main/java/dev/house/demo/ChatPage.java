package dev.house.demo;

import dev.house.core.http.HttpStatus;
import dev.house.core.http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.stereotype.Component;

/**
 * The chat page ({@code static/index.html}), read from the classpath once at start-up so that
 * {@code /index} answers from memory; its script and style sheet are ordinary static files.
 */
@Component
public class ChatPage {

    static final String LOCATION = "static/index.html";

    private final byte[] html;

    public ChatPage() {
        this.html = read(LOCATION);
    }

    /** The page, revalidated by browsers on every visit so a new version shows at once. */
    public Response response() {
        return Response.bytes(html, Response.TEXT_HTML).status(HttpStatus.OK).header("Cache-Control", "no-cache");
    }

    private static byte[] read(String location) {
        try (InputStream in = ChatPage.class.getClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException("the chat page is missing from the classpath: " + location);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the chat page " + location, e);
        }
    }
}
