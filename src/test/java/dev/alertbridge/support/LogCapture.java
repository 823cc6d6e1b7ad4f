package dev.alertbridge.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Everything the function logs during the test run, messages and stack traces, plus every answer tests received:
 * what a secret-leak check searches.
 */
public final class LogCapture extends Handler {
    private static final LogCapture INSTANCE = new LogCapture();
    private static volatile boolean installed;
    private final Formatter formatter = new SimpleFormatter();
    private final List<String> lines = new ArrayList<>();

    public static synchronized void install() {
        if (!installed) {
            Logger.getLogger("").addHandler(INSTANCE);
            installed = true;
        }
    }

    public static synchronized void answer(String text) {
        INSTANCE.lines.add("[answer] " + text);
    }

    public static synchronized List<String> lines() {
        return new ArrayList<>(INSTANCE.lines);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        String text = formatter.formatMessage(record);
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            text += "\n" + trace;
        }
        String requestId = record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getMdc("AWSRequestId") : null;
        lines.add(record.getLoggerName() + " " + record.getLevel() + " " + text
                + (requestId == null ? "" : " [AWSRequestId=" + requestId + "]"));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
