package org.shifo.queue.live;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** {@code /ws/queue}, plain WebSocket, same-origin for browsers; frames over 8 KiB are refused (close 1009). */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class QueueSocketConfiguration implements WebSocketConfigurer {

    static final int MAX_MESSAGE_BYTES = 8 * 1024;

    private final QueueSocketHandler handler;
    private final QueueHandshake handshake;

    QueueSocketConfiguration(QueueSocketHandler handler, QueueHandshake handshake) {
        this.handler = handler;
        this.handshake = handshake;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/ws/queue").addInterceptors(handshake);
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
        container.setMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
        container.setMaxSessionIdleTimeout(LiveHub.SILENCE_LIMIT.toMillis() + 30_000);
        return container;
    }
}
