package dev.house.spring.handler.calls;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Route-method shapes in a package of their own, as an application's are: package-private class
 * and methods, so a call built for them needs the private lookup an application's class gives.
 */
public final class CallFixtures {
    private CallFixtures() {
    }

    /** A handler bean whose methods record who called them in {@code caller}. */
    public static Object handlers(AtomicReference<String> caller, Throwable toThrow) {
        return new Handlers(caller, toThrow);
    }
}

class Handlers {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.SHOW_REFLECT_FRAMES);
    private final AtomicReference<String> caller;
    private final Throwable toThrow;

    Handlers(AtomicReference<String> caller, Throwable toThrow) {
        this.caller = caller;
        this.toThrow = toThrow;
    }

    private void recordCaller() {
        // skip this method and the route method: the frame that called the route method
        caller.set(WALKER.walk(frames -> frames.skip(2).findFirst().orElseThrow().getClassName()));
    }

    String none() {
        recordCaller();
        return "none";
    }

    String one(String a) {
        recordCaller();
        return a;
    }

    String two(String a, int b) {
        recordCaller();
        return a + b;
    }

    String three(String a, int b, Long c) {
        recordCaller();
        return a + b + c;
    }

    long four(String a, int b, long c, boolean d) {
        recordCaller();
        return a.length() + b + c + (d ? 1 : 0);
    }

    String five(String a, String b, String c, String d, String e) {
        recordCaller();
        return a + b + c + d + e;
    }

    void nothing(String a) {
        recordCaller();
    }

    static String shared(String a) {
        return "static " + a;
    }

    String throwsOne(String a) throws Exception {
        recordCaller();
        throwIt();
        return a;
    }

    String throwsFive(String a, String b, String c, String d, String e) throws Exception {
        recordCaller();
        throwIt();
        return a;
    }

    void throwsVoid() throws IOException, Exception {
        recordCaller();
        throwIt();
    }

    private void throwIt() throws Exception {
        if (toThrow instanceof Exception exception) {
            throw exception;
        }
        throw (Error) toThrow;
    }
}
