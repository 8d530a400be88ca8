package dev.house.spring.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;

class ConstraintViolationReportTests {

    private static final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();

    private final ConstraintViolationReport report = new ConstraintViolationReport(factory.getValidator());

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void validArgumentsHaveNoViolations() throws Exception {
        assertThat(check(new Handlers(), post(), "lobby", 3)).isEmpty();
    }

    @Test
    void namesEachViolatedParameterByItsRequestName() throws Exception {
        List<ArgumentViolation> violations = check(new Handlers(), post(), "a-room-name-that-is-far-too-long", 0);
        assertThat(violations).extracting(ArgumentViolation::name, ArgumentViolation::constraint)
                .containsExactly(tuple("room", "Size"),
                        tuple("count", "Min"));
        assertThat(violations.get(0).message()).isEqualTo("size must be between 1 and 16");
    }

    @Test
    void checksTheObjectBoundFromAJsonBodyWithoutValid() throws Exception {
        Method join = Handlers.class.getMethod("join", Member.class);
        List<ArgumentViolation> violations = report.check(new Handlers(), join, new Object[] { new Member("", "not-an-email") },
                new String[] { "member" }, new boolean[] { true });
        assertThat(violations).extracting(ArgumentViolation::name, ArgumentViolation::constraint).containsExactly(
                tuple("email", "Email"),
                tuple("nick", "NotBlank"));
        assertThat(violations).allMatch(v -> v.parameterIndex() == 0);
    }

    @Test
    void reportsABodyMarkedValidOnce() throws Exception {
        Method join = Handlers.class.getMethod("joinValid", Member.class);
        List<ArgumentViolation> violations = report.check(new Handlers(), join, new Object[] { new Member("", "a@b.example") },
                new String[] { "member" }, new boolean[] { true });
        assertThat(violations).extracting(ArgumentViolation::name).containsExactly("nick");
    }

    @Test
    void validatesTheTargetOfAProxiedHandler() throws Exception {
        ProxyFactory proxy = new ProxyFactory(new Handlers());
        proxy.setProxyTargetClass(true);
        assertThat(check(proxy.getProxy(), post(), "", 1)).extracting(ArgumentViolation::name).containsExactly("room");
    }

    private List<ArgumentViolation> check(Object bean, Method method, Object... args) {
        return report.check(bean, method, args, new String[] { "room", "count" }, new boolean[2]);
    }

    private static Method post() throws NoSuchMethodException {
        return Handlers.class.getMethod("post", String.class, int.class);
    }

    public static class Handlers {

        public String post(@Size(min = 1, max = 16) String room, @Min(1) int count) {
            return room;
        }

        public String join(Member member) {
            return member.nick();
        }

        public String joinValid(@Valid Member member) {
            return member.nick();
        }
    }

    public record Member(@NotBlank String nick, @Email String email) {
    }
}
