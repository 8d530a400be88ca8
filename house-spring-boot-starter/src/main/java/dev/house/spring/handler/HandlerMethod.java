package dev.house.spring.handler;

import java.lang.reflect.Method;
import java.util.StringJoiner;

/**
 * A route method found on a {@link HouseHandler} bean.
 *
 * @param beanName the bean's name
 * @param bean the bean itself (possibly an AOP proxy)
 * @param method the method to invoke on {@code bean}: the proxy's when the bean is proxied
 * @param declared the method as declared on the user's class, where its annotations are
 * @param mapping what the method's mapping annotation declares
 */
public record HandlerMethod(String beanName, Object bean, Method method, Method declared, RouteMapping mapping) {

    /** Where the method is, for messages: {@code RoomHandlers#post(String, String)}. */
    public String location() {
        return describe(declared);
    }

    static String describe(Method method) {
        StringJoiner params = new StringJoiner(", ", "(", ")");
        for (Class<?> type : method.getParameterTypes()) {
            params.add(type.getSimpleName());
        }
        return method.getDeclaringClass().getName() + "#" + method.getName() + params;
    }
}
