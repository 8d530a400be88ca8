package dev.house.bench.micro;

import dev.house.core.http.StreamChunk;
import dev.house.core.sse.SseEvent;
import dev.house.core.sse.spi.SseEncoder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The cost of turning one chat message into its SSE wire bytes, once, before any fan-out. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SseEncodeBenchmark {
    static final String DATA = "{\"name\":\"alice\",\"message\":\"hello everyone, how are you today?\",\"at\":1700000000000}";

    /** Building the event and encoding it, as a publish does once for all its subscribers. */
    @Benchmark
    public byte[] encode() {
        StreamChunk chunk = SseEncoder.encode(SseEvent.data(DATA));
        return chunk.bytes();
    }
}
