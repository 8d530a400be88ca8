package dev.house.spring.autoconfigure;

import dev.house.core.files.StaticFiles;
import dev.house.core.handler.Router;
import dev.house.core.http.Handler;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Serves the files of {@code house.static.locations} under {@code house.static.path-prefix}: one
 * rest-variable GET route, which any other route of the same path beats. Locations that do not
 * exist are skipped, so the default {@code classpath:/static/} costs nothing in an application
 * without one; with several, the first holding a file serves it.
 */
final class StaticResourceRoutes implements Consumer<Router.Builder> {

    private static final String LOCATIONS = "house.static.locations";

    private final HouseProperties.StaticResources properties;
    private final ResourceLoader resources;

    StaticResourceRoutes(HouseProperties.StaticResources properties, ResourceLoader resources) {
        this.properties = properties;
        this.resources = resources;
    }

    @Override
    public void accept(Router.Builder router) {
        if (!properties.isEnabled()) {
            return;
        }
        List<Handler> handlers = new ArrayList<>();
        String prefix = prefix(properties.getPathPrefix());
        for (String location : properties.getLocations()) {
            StaticFiles files = files(location);
            if (files != null) {
                PropertyValues.apply("house.static.cache-control", properties.getCacheControl(), files::cacheControl);
                handlers.add(files.handler(prefix.isEmpty() ? "/" : prefix));
            }
        }
        if (!handlers.isEmpty()) {
            router.get(prefix + "/{*path}", handlers.size() == 1 ? handlers.get(0) : firstFound(handlers));
        }
    }

    private @Nullable StaticFiles files(String location) {
        if (!location.startsWith("classpath:") && !location.startsWith("file:")) {
            throw new InvalidConfigurationPropertyValueException(LOCATIONS, location,
                    "a location starts with 'classpath:' or 'file:'");
        }
        Resource resource = resources.getResource(location);
        if (!resource.exists()) {
            return null;
        }
        try {
            if (location.startsWith("file:")) {
                return StaticFiles.fromDirectory(resource.getFile().toPath());
            }
            return StaticFiles.fromClasspath(location, resourceClassLoader());
        } catch (IllegalArgumentException | IOException ex) {
            throw new InvalidConfigurationPropertyValueException(LOCATIONS, location, ex.getMessage(), ex);
        }
    }

    private ClassLoader resourceClassLoader() {
        ClassLoader loader = resources.getClassLoader();
        return loader != null ? loader : StaticResourceRoutes.class.getClassLoader();
    }

    /** The prefix without its trailing slash ("" for the root), checked to be a literal path. */
    private static String prefix(String configured) {
        String prefix = configured;
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (!configured.startsWith("/") || prefix.indexOf('{') >= 0 || prefix.indexOf('*') >= 0) {
            throw new InvalidConfigurationPropertyValueException("house.static.path-prefix", configured,
                    "a path prefix is a literal path starting with '/'");
        }
        return prefix;
    }

    /** Asks each location in turn; the first answer other than 404 wins. */
    private static Handler firstFound(List<Handler> handlers) {
        Handler[] all = handlers.toArray(new Handler[0]);
        return request -> answer(all, request);
    }

    private static Response answer(Handler[] handlers, Request request) throws Exception {
        Response response = Response.of(HttpStatus.NOT_FOUND);
        for (Handler handler : handlers) {
            response = handler.handle(request);
            if (response.status().code() != 404) {
                return response;
            }
        }
        return response;
    }
}
