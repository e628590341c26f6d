package org.shifo.notifications.telegram;

/** Who may do what with the Telegram bot, in one place (docs/security.md has the matrix). */
public final class TelegramRoles {

    /** The bot's settings (its token, the mode) and the setup checklist: administrators. */
    public static final String BOT_SETTINGS = "hasRole('ADMIN')";

    /** A patient's Telegram links (create a one-time link, see links and the last messages, unlink): reception. */
    public static final String PATIENT_LINKS = "hasAnyRole('ADMIN', 'RECEPTIONIST')";

    private TelegramRoles() {}
}
