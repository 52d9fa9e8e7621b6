package io.condenser.connectors.kafka;

import io.condenser.connectors.model.SampleTypeInfo;
import io.condenser.connectors.parse.InputFormat;
import io.condenser.connectors.parse.ParseListener;
import io.condenser.connectors.parse.ParserOptions;
import io.condenser.connectors.parse.Rejection;
import io.condenser.connectors.parse.SampleParser;
import io.condenser.connectors.util.RateLimitedLog;
import io.condenser.model.Sample;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka record (its value) through the parser of the configured {@link InputFormat}: a Telegraf
 * {@code outputs.kafka} record with {@code data_format = "influx"} carries one or more lines, a
 * remote-write record carries one snappy-compressed {@code WriteRequest}. The record key
 * (Telegraf's {@code routing_tag}) only places the record on a partition and is not read.
 *
 * <p>Bad records never fail the job: every rejected line is counted, also per reason ({@link
 * KafkaSourceMetrics#LINES_REJECTED}), and logged at most once per {@link #LOG_INTERVAL_MS}; even a
 * parser bug on one record is counted ({@link KafkaSourceMetrics#RECORDS_FAILED}) and the record
 * skipped.
 */
public final class KafkaSampleDeserializationSchema
        implements KafkaRecordDeserializationSchema<Sample> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG =
            LoggerFactory.getLogger(KafkaSampleDeserializationSchema.class);

    /** At most one warning about bad input per this many milliseconds and subtask. */
    public static final long LOG_INTERVAL_MS = 10_000;

    private final InputFormat format;
    private final String precision;

    private transient SampleParser parser;
    private transient Listener listener;

    public KafkaSampleDeserializationSchema(InputFormat format, String precision) {
        this.format = format;
        this.precision = precision;
    }

    public static KafkaSampleDeserializationSchema of(KafkaSourceConfig config) {
        return new KafkaSampleDeserializationSchema(config.format(), config.precision());
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        // The clock is only for lines without a timestamp; Telegraf always writes one.
        parser =
                format.newParser(
                        new ParserOptions(precision, List.of(), System::currentTimeMillis));
        listener = new Listener(context.getMetricGroup());
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Sample> out) {
        listener.metrics.record();
        byte[] value = record.value();
        if (value == null || value.length == 0) {
            // A tombstone or an empty flush: nothing to parse, nothing wrong.
            listener.metrics.emptyRecord();
            return;
        }
        listener.begin(record);
        try {
            parser.parse(value, listener);
        } catch (RuntimeException e) {
            // Parsers promise not to throw; if one does, one record is lost, not the job.
            listener.metrics.failedRecord();
            listener.log.warn(
                    "record {}-{}@{} failed to parse, skipped: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.toString());
            listener.parsed.clear();
        }
        // Emitted only after parsing: an exception from a chained downstream operator must fail
        // the task (and replay from the checkpoint), not be mistaken for a parser bug above.
        listener.emitTo(out);
    }

    @Override
    public TypeInformation<Sample> getProducedType() {
        return SampleTypeInfo.INSTANCE;
    }

    /** Forwards samples to the current record's collector and counts what was left out. */
    private static final class Listener implements ParseListener {
        final KafkaSourceMetrics metrics;
        final RateLimitedLog log = new RateLimitedLog(LOG, LOG_INTERVAL_MS);

        private ConsumerRecord<byte[], byte[]> record;
        final List<Sample> parsed = new ArrayList<>();

        Listener(MetricGroup group) {
            this.metrics = new KafkaSourceMetrics(group);
        }

        void begin(ConsumerRecord<byte[], byte[]> record) {
            this.record = record;
            parsed.clear();
        }

        void emitTo(Collector<Sample> out) {
            record = null;
            metrics.samples(parsed.size());
            for (int i = 0; i < parsed.size(); i++) {
                out.collect(parsed.get(i));
            }
            parsed.clear();
        }

        @Override
        public void onSample(Sample sample) {
            parsed.add(sample);
        }

        @Override
        public void onRejected(Rejection rejection) {
            metrics.rejected(rejection.reason());
            log.warn(
                    "rejected in record {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    rejection);
        }

        @Override
        public void onSkipped(String reason, long count) {
            metrics.skipped(reason, count);
        }
    }
}
