package io.condenser.jobs.config;

import io.condenser.connectors.remotewrite.config.DeliveryMode;
import java.io.Serializable;
import java.util.List;

/**
 * The {@code remote-write} keys of the job configuration: where results go. Named {@code *Section}
 * so it does not clash with the connector's {@code RemoteWriteConfig}.
 *
 * @param urls empty: print exposition text to stdout instead of writing
 */
public record RemoteWriteSection(List<String> urls, DeliveryMode delivery) implements Serializable {

    public static final DeliveryMode DEFAULT_DELIVERY = DeliveryMode.AT_LEAST_ONCE;

    public RemoteWriteSection {
        urls = List.copyOf(urls);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with these values, for flag overrides. */
    public Builder toBuilder() {
        return builder().urls(urls).delivery(delivery);
    }

    @Override
    public String toString() {
        return urls.isEmpty() ? "(print)" : urls.toString();
    }

    /** Setters named after the YAML keys. */
    public static final class Builder {
        private List<String> urls = List.of();
        private DeliveryMode delivery = DEFAULT_DELIVERY;

        private Builder() {}

        public Builder urls(List<String> v) {
            urls = v == null ? List.of() : List.copyOf(v);
            return this;
        }

        public Builder delivery(DeliveryMode v) {
            delivery = v;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the key and the value
         */
        public RemoteWriteSection build() {
            for (String url : urls) {
                JobConfig.require(
                        url != null && (url.startsWith("http://") || url.startsWith("https://")),
                        "remote-write.urls entries must be http:// or https:// URLs, got '"
                                + url
                                + "'");
            }
            JobConfig.require(delivery != null, "remote-write.delivery must be set");
            return new RemoteWriteSection(urls, delivery);
        }
    }
}
