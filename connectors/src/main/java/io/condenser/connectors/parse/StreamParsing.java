package io.condenser.connectors.parse;

import io.condenser.model.Sample;
import java.io.IOException;
import java.io.InputStream;

/**
 * Parses a stream (a file, stdin, an HTTP body) of any size: line formats go through a {@link
 * LineFramer} line by line, so memory stays bounded by the longest line and rejections keep the
 * stream's physical line numbers; a format that is one unit ({@link
 * InputFormat.Framing#WHOLE_INPUT}) is read whole and parsed once.
 */
public final class StreamParsing {

    private StreamParsing() {}

    /**
     * Reads {@code in} to its end through {@code parser}.
     *
     * @return the number of bytes read
     */
    public static long parse(
            InputStream in, InputFormat format, SampleParser parser, ParseListener listener)
            throws IOException {
        return parse(in, format.framing(), parser, listener);
    }

    /** As {@link #parse(InputStream, InputFormat, SampleParser, ParseListener)}, by framing. */
    public static long parse(
            InputStream in,
            InputFormat.Framing framing,
            SampleParser parser,
            ParseListener listener)
            throws IOException {
        if (framing == InputFormat.Framing.WHOLE_INPUT) {
            byte[] all = in.readAllBytes();
            parser.parse(all, listener);
            return all.length;
        }
        Lines lines = new Lines(parser, listener);
        LineFramer framer =
                new LineFramer(
                        framing == InputFormat.Framing.QUOTED_LINES,
                        LineFramer.DEFAULT_MAX_LINE_BYTES,
                        lines);
        return framer.feedAll(in);
    }

    /** Parses each framed line; a parser's rejection gets the stream's line number. */
    private static final class Lines implements LineFramer.Handler {
        private final SampleParser parser;
        private final ParseListener listener;
        private final Renumbering renumbering = new Renumbering();
        private long lineNumber;

        Lines(SampleParser parser, ParseListener listener) {
            this.parser = parser;
            this.listener = listener;
        }

        @Override
        public void onLine(byte[] buf, int off, int len, long lineNumber) {
            this.lineNumber = lineNumber;
            parser.parse(buf, off, len, renumbering);
        }

        /** The framer's own rejections (over-long lines) carry the stream's numbers already. */
        @Override
        public void onRejected(Rejection rejection) {
            listener.onRejected(rejection);
        }

        private final class Renumbering implements ParseListener {
            @Override
            public void onSample(Sample sample) {
                listener.onSample(sample);
            }

            @Override
            public void onRejected(Rejection r) {
                long line = lineNumber + r.lineNumber() - 1;
                listener.onRejected(new Rejection(line, r.reason(), r.detail(), r.excerpt()));
            }

            @Override
            public void onSkipped(String reason, long count) {
                listener.onSkipped(reason, count);
            }
        }
    }
}
