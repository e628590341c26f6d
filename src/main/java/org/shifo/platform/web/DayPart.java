package org.shifo.platform.web;

import java.time.LocalTime;

/** The part of the day a greeting refers to, as people in a clinic say it. */
enum DayPart {
    MORNING("home.greeting.morning"),
    AFTERNOON("home.greeting.afternoon"),
    EVENING("home.greeting.evening");

    private static final LocalTime MORNING_STARTS = LocalTime.of(5, 0);
    private static final LocalTime AFTERNOON_STARTS = LocalTime.NOON;
    private static final LocalTime EVENING_STARTS = LocalTime.of(18, 0);

    private final String messageKey;

    DayPart(String messageKey) {
        this.messageKey = messageKey;
    }

    static DayPart at(LocalTime time) {
        if (time.isBefore(MORNING_STARTS) || !time.isBefore(EVENING_STARTS)) {
            return EVENING;
        }
        return time.isBefore(AFTERNOON_STARTS) ? MORNING : AFTERNOON;
    }

    /** The greeting's message key; the {@code .named} variant takes the user's name as {@code {0}}. */
    String greetingKey(boolean named) {
        return named ? messageKey + ".named" : messageKey;
    }
}
