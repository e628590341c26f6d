package org.shifo.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;

class ShellModelAdviceTests {

    @RestController
    static class Api {
        public String answer() {
            return "{}";
        }
    }

    @Controller
    static class Pages {
        public String page() {
            return "home";
        }

        @ResponseBody
        public String fragment() {
            return "<p>";
        }
    }

    @Test
    void pagesGetTheShellAndAnswersWithABodyDoNot() throws NoSuchMethodException {
        assertThat(ShellModelAdvice.writesBody(new HandlerMethod(new Pages(), "page")))
                .isFalse();
        assertThat(ShellModelAdvice.writesBody(new HandlerMethod(new Pages(), "fragment")))
                .isTrue();
        assertThat(ShellModelAdvice.writesBody(new HandlerMethod(new Api(), "answer")))
                .isTrue();
        // no handler method (a static resource, an error forward): the shell as before
        assertThat(ShellModelAdvice.writesBody(null)).isFalse();
        assertThat(ShellModelAdvice.writesBody("not a handler method")).isFalse();
    }
}
