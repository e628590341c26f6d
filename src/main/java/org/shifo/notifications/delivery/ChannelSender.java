package org.shifo.notifications.delivery;

/**
 * Sends one notification over one channel; one bean per channel. The engine calls {@link #send} outside any
 * database transaction, after the row was claimed, and records the outcome. An implementation never throws for a
 * provider's answer or a network failure: every result is a {@link SendOutcome}.
 */
public interface ChannelSender {

    /** The channel this sender serves: {@code TELEGRAM} or {@code PUSH} (the notifications' {@code channel}). */
    String channel();

    /** Sends the message once; the engine decides about retries from the outcome. */
    SendOutcome send(Outgoing message);
}
