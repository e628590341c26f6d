package org.shifo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/** Shifo: the clinic management system, one deployable. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(systemName = "Shifo", sharedModules = "platform")
public class ShifoApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShifoApplication.class, args);
    }
}
