// grpc-telemetry: streams a device-telemetry workload to Open Spanner Console over gRPC.
//
// `ingest` mode (default) uses the acknowledged open_spanner_console.v1 IngestStream the way a device
// gateway would: batches with sequence numbers, one ack per committed batch, and after a dropped
// connection a reconnect that resends every unacknowledged batch. Event idempotency keys are derived
// from (run id, device, reading number), so a resend reports duplicates instead of storing twice.
// `stream` mode uses upstream's client-streaming open_spanner.v1 StreamUsage, 1,000 events per call.
// See README.md for the options.

#include "open_spanner/v1/usage.grpc.pb.h"
#include "open_spanner_console/v1/ingest_stream.grpc.pb.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <string>
#include <thread>

namespace pb = ::open_spanner::v1;
namespace pbc = ::open_spanner_console::v1;

namespace {

struct Options
{
    std::string address = "127.0.0.1:18090";
    std::string key;
    std::string meter = "device_readings";
    std::string mode = "ingest";
    std::string runId;
    long long events = 10'000;
    int devices = 8;
    int batch = 500;
};

const char *kFirmware[] = {"1.4.2", "1.5.0", "2.0.1"};
const char *kRegions[] = {"eu-west", "us-east", "ap-south"};

// Reading n of the workload: devices take turns, each with its own reading counter.
pb::UsageEventInput reading(const Options &options, long long n)
{
    const int device = int(n % options.devices);
    const long long count = n / options.devices;
    pb::UsageEventInput event;
    event.set_idempotency_key(
        options.runId + ":device-" + std::to_string(device) + ":" + std::to_string(count));
    event.set_subject("device-" + std::to_string(device));
    event.set_meter(options.meter);
    event.set_quantity(1 + double((n * 7919) % 4096) / 16); // kilobytes uploaded by this reading
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    event.mutable_timestamp()->set_seconds(std::chrono::duration_cast<std::chrono::seconds>(now).count());
    event.mutable_timestamp()->set_nanos(
        int(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count() % 1'000'000'000));
    auto &metadata = *event.mutable_metadata();
    metadata["firmware"].set_string_value(kFirmware[device % 3]);
    metadata["region"].set_string_value(kRegions[device % 3]);
    metadata["temperature_c"].set_number_value(20 + double(n % 150) / 10);
    metadata["battery_low"].set_bool_value(n % 97 == 0);
    return event;
}

bool retryable(grpc::StatusCode code)
{
    // Refusals the server will repeat (bad key, forbidden meter, malformed batch) are not retried.
    return code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::CANCELLED
        || code == grpc::StatusCode::DEADLINE_EXCEEDED || code == grpc::StatusCode::RESOURCE_EXHAUSTED
        || code == grpc::StatusCode::INTERNAL || code == grpc::StatusCode::UNKNOWN;
}

int runIngest(const Options &options, const std::shared_ptr<grpc::Channel> &channel)
{
    auto stub = pbc::IngestService::NewStub(channel);
    std::deque<pbc::IngestBatch> unacked;
    long long next = 0, accepted = 0, duplicates = 0, failed = 0;
    unsigned long long sequence = 0;
    int attempt = 0;
    while (next < options.events || !unacked.empty()) {
        grpc::ClientContext context;
        context.AddMetadata("authorization", "Bearer " + options.key);
        auto stream = stub->IngestStream(&context);
        // Resend every batch without an ack, in order, then continue with new ones. The server reads
        // one batch at a time, so writes block while a commit is slow: memory stays bounded here too.
        std::size_t inFlight = 0;
        bool broken = false;
        while (!broken && (next < options.events || inFlight < unacked.size())) {
            if (inFlight == unacked.size()) {
                pbc::IngestBatch batch;
                batch.set_sequence(++sequence);
                for (int i = 0; i < options.batch && next < options.events; ++i)
                    *batch.add_events() = reading(options, next++);
                unacked.push_back(std::move(batch));
            }
            if (!stream->Write(unacked[inFlight])) {
                broken = true;
                break;
            }
            ++inFlight;
            pbc::IngestAck ack;
            if (!stream->Read(&ack)) {
                broken = true;
                break;
            }
            if (ack.sequence() != unacked.front().sequence()) {
                std::fprintf(stderr, "unexpected ack %llu\n", (unsigned long long)ack.sequence());
                return 1;
            }
            accepted += ack.accepted_count();
            duplicates += ack.duplicate_count();
            failed += ack.failed_count();
            for (const pb::BulkFailure &failure : ack.failed())
                std::fprintf(stderr, "batch %llu event %d: %s\n", (unsigned long long)ack.sequence(),
                    failure.index(), failure.message().c_str());
            unacked.pop_front();
            --inFlight;
            attempt = 0;
        }
        if (!broken) {
            stream->WritesDone();
            const grpc::Status status = stream->Finish();
            if (status.ok())
                break;
            std::fprintf(stderr, "IngestStream: %s\n", status.error_message().c_str());
            return 1;
        }
        context.TryCancel();
        const grpc::Status status = stream->Finish();
        if (!retryable(status.error_code())) {
            std::fprintf(stderr, "IngestStream refused (%d): %s\n", int(status.error_code()),
                status.error_message().c_str());
            return 1;
        }
        const int delayMs = std::min(5000, 100 << std::min(attempt++, 6)); // exponential backoff
        std::fprintf(stderr, "connection lost (%s); resending %zu unacknowledged batches in %d ms\n",
            status.error_message().c_str(), unacked.size(), delayMs);
        std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
    }
    std::printf("IngestStream: %lld events in %llu batches: %lld accepted, %lld duplicates, %lld failed\n",
        options.events, sequence, accepted, duplicates, failed);
    return failed == 0 ? 0 : 1;
}

int runStream(const Options &options, const std::shared_ptr<grpc::Channel> &channel)
{
    auto stub = pb::UsageService::NewStub(channel);
    long long next = 0, accepted = 0, duplicates = 0, failed = 0, calls = 0;
    while (next < options.events) {
        grpc::ClientContext context;
        context.AddMetadata("authorization", "Bearer " + options.key);
        pb::StreamUsageResponse response;
        auto writer = stub->StreamUsage(&context, &response);
        pb::StreamUsageRequest message;
        for (int i = 0; i < 1000 && next < options.events; ++i) {
            *message.mutable_event() = reading(options, next++);
            if (!writer->Write(message))
                break;
        }
        writer->WritesDone();
        const grpc::Status status = writer->Finish();
        if (!status.ok()) {
            std::fprintf(stderr, "StreamUsage: %s\n", status.error_message().c_str());
            return 1;
        }
        ++calls;
        accepted += response.accepted_count();
        duplicates += response.duplicate_count();
        failed += response.failed_count();
    }
    std::printf("StreamUsage: %lld events in %lld calls: %lld accepted, %lld duplicates, %lld failed\n",
        options.events, calls, accepted, duplicates, failed);
    return failed == 0 ? 0 : 1;
}

void usage(const char *program)
{
    std::fprintf(stderr,
        "usage: %s [--addr host:port] [--key KEY] [--meter NAME] [--events N] [--devices D]\n"
        "          [--batch B] [--mode ingest|stream] [--run-id ID]\n"
        "  --key defaults to $OPEN_SPANNER_API_KEY; --run-id (default: the current time) makes the\n"
        "  idempotency keys: run the same id twice and the second run stores nothing new.\n",
        program);
}

} // namespace

int main(int argc, char **argv)
{
    Options options;
    if (const char *key = std::getenv("OPEN_SPANNER_API_KEY"))
        options.key = key;
    options.runId = "run-" + std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--help" || arg == "-h" || !hasValue) {
            usage(argv[0]);
            return arg == "--help" || arg == "-h" ? 0 : 2;
        }
        const std::string value = argv[++i];
        if (arg == "--addr")
            options.address = value;
        else if (arg == "--key")
            options.key = value;
        else if (arg == "--meter")
            options.meter = value;
        else if (arg == "--events")
            options.events = std::atoll(value.c_str());
        else if (arg == "--devices")
            options.devices = std::max(1, std::atoi(value.c_str()));
        else if (arg == "--batch")
            options.batch = std::clamp(std::atoi(value.c_str()), 1, 1000);
        else if (arg == "--mode")
            options.mode = value;
        else if (arg == "--run-id")
            options.runId = value;
        else {
            usage(argv[0]);
            return 2;
        }
    }
    if (options.key.empty() || (options.mode != "ingest" && options.mode != "stream")) {
        usage(argv[0]);
        return 2;
    }
    // Plaintext h2c, like upstream's stream clients.
    auto channel = grpc::CreateChannel(options.address, grpc::InsecureChannelCredentials());
    const auto start = std::chrono::steady_clock::now();
    const int code = options.mode == "ingest" ? runIngest(options, channel) : runStream(options, channel);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%.2f s, %.0f events/s\n", seconds, double(options.events) / seconds);
    return code;
}
