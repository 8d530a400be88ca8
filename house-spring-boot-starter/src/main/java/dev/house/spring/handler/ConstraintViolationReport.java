package dev.house.spring.handler;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.executable.ExecutableValidator;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.AopProxyUtils;

/**
 * Checks a route method's arguments with Jakarta Bean Validation before the method runs: the
 * constraints on its parameters ({@code @Size String room}) and on the objects bound from a JSON
 * body ({@code @Email} on a field of the body's class), whether or not the parameter says
 * {@code @Valid}. Each violation is named the way the client sent it: the parameter's request
 * name, or the body property's path ({@code address.street}).
 */
public final class ConstraintViolationReport implements ArgumentCheck {

    private final Validator validator;

    public ConstraintViolationReport(Validator validator) {
        this.validator = validator;
    }

    /**
     * One entry per violated constraint, ordered by parameter and then by path; empty when the
     * arguments are valid.
     *
     * @param names each parameter's name in the request
     * @param jsonBodies which parameters hold a whole JSON body
     */
    @Override
    public List<ArgumentViolation> check(Object bean, Method method, @Nullable Object[] args, String[] names,
                                 boolean[] jsonBodies) {
        Object target = target(bean);
        ExecutableValidator executables = validator.forExecutables();
        List<ArgumentViolation> found = new ArrayList<>();
        for (ConstraintViolation<Object> violation : executables.validateParameters(target, method, args)) {
            found.add(describe(violation, names, jsonBodies, -1));
        }
        for (int i = 0; i < args.length; i++) {
            Object body = args[i];
            if (jsonBodies[i] && body != null && !cascades(method, i)) {
                for (ConstraintViolation<Object> violation : validator.validate(body)) {
                    found.add(describe(violation, names, jsonBodies, i));
                }
            }
        }
        found.sort(Comparator.comparingInt(ArgumentViolation::parameterIndex)
                .thenComparing(ArgumentViolation::name).thenComparing(ArgumentViolation::constraint));
        return found;
    }

    private static Object target(Object bean) {
        Object target = AopProxyUtils.getSingletonTarget(bean);
        return target != null ? target(target) : bean;
    }

    /** Whether {@code @Valid} already makes the parameter validation descend into the object. */
    private static boolean cascades(Method method, int index) {
        return method.getParameters()[index].isAnnotationPresent(jakarta.validation.Valid.class);
    }

    /**
     * @param bodyIndex the parameter whose object was validated on its own, or -1 when the path
     *        starts at the method
     */
    private static ArgumentViolation describe(ConstraintViolation<Object> violation, String[] names, boolean[] jsonBodies,
                                      int bodyIndex) {
        int index = bodyIndex;
        StringBuilder name = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                index = node.as(Path.ParameterNode.class).getParameterIndex();
                if (!jsonBodies[index]) {
                    name.append(names[index]);
                }
                continue;
            }
            if (node.getName() == null) {
                continue; // container elements: the path up to them names the value
            }
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(node.getName());
            if (node.getIndex() != null) {
                name.append('[').append(node.getIndex()).append(']');
            }
        }
        if (name.isEmpty() && index >= 0) {
            name.append(names[index]);
        }
        String constraint = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return new ArgumentViolation(index, name.toString(), violation.getMessage(), constraint);
    }
}
