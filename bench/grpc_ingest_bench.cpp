// Load generator for scripts/bench-grpc.sh: stores events through gRPC StreamUsage (client-streaming
// calls of 1,000 events), IngestStream (batches of 1,000 events, one stream per thread) or REST bulk
// (1,000-event POSTs over keep-alive connections), from several concurrent streams, and reports events/s
// stored and the server's CPU per event, read from /proc/<pid>/stat (utime + stime), so the load generator's
// own CPU on the shared cores is not counted.
//
//   bench_grpc_ingest grpc|ingest|rest <server-pid> <host:port> <api-key> <streams> <calls-per-stream> <tag>
//
// Prints: <events stored> <events/s> <server CPU µs/event>

#include "open_spanner/v1/usage.grpc.pb.h"
#include "open_spanner_console/v1/ingest_stream.grpc.pb.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr int kEventsPerCall = 1000;
const char *kRegions[] = {"us-east", "us-west", "eu-west"};

// utime + stime of `pid`, in microseconds.
long long serverCpuUs(int pid)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string content((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    // Fields after the parenthesised command name, which may contain spaces.
    std::istringstream fields(content.substr(content.rfind(')') + 2));
    std::string field;
    long long utime = 0, stime = 0;
    for (int index = 3; fields >> field; ++index) {
        if (index == 14)
            utime = std::stoll(field);
        if (index == 15) {
            stime = std::stoll(field);
            break;
        }
    }
    return (utime + stime) * 1'000'000 / sysconf(_SC_CLK_TCK);
}

// The same events bench/wrk/bulk.lua posts: 3 dimensions, unique idempotency keys.
void fillEvent(open_spanner::v1::UsageEventInput *event, const std::string &key, int i, int call)
{
    event->set_idempotency_key(key);
    event->set_subject("org_" + std::to_string(i % 1000));
    event->set_meter("bench");
    event->set_quantity(1 + i % 7);
    event->mutable_timestamp()->set_seconds(1'780'912'800 + (i % 60) * 60 + call % 60);
    auto &metadata = *event->mutable_metadata();
    metadata["region"].set_string_value(kRegions[i % 3]);
    metadata["endpoint"].set_string_value("/orders");
    metadata["status_code"].set_number_value(200);
}

long long grpcStream(const std::string &address, const std::string &key, int calls, const std::string &tag)
{
    auto channel = grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
    auto stub = open_spanner::v1::UsageService::NewStub(channel);
    long long stored = 0;
    open_spanner::v1::StreamUsageRequest message;
    for (int call = 0; call < calls; ++call) {
        grpc::ClientContext context;
        context.AddMetadata("authorization", "Bearer " + key);
        open_spanner::v1::StreamUsageResponse response;
        auto writer = stub->StreamUsage(&context, &response);
        for (int i = 0; i < kEventsPerCall; ++i) {
            fillEvent(
                message.mutable_event(), tag + "-" + std::to_string(call) + "-" + std::to_string(i), i, call);
            writer->Write(message);
        }
        writer->WritesDone();
        const grpc::Status status = writer->Finish();
        if (!status.ok()) {
            std::fprintf(stderr, "StreamUsage: %s\n", status.error_message().c_str());
            return stored;
        }
        stored += response.accepted_count();
    }
    return stored;
}

// IngestStream: one batch of 1,000 events per message, acknowledged after its commit.
long long ingestStream(const std::string &address, const std::string &key, int calls, const std::string &tag)
{
    auto channel = grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
    auto stub = open_spanner_console::v1::IngestService::NewStub(channel);
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + key);
    auto stream = stub->IngestStream(&context);
    long long stored = 0;
    open_spanner_console::v1::IngestBatch batch;
    open_spanner_console::v1::IngestAck ack;
    for (int call = 0; call < calls; ++call) {
        batch.Clear();
        batch.set_sequence(call);
        for (int i = 0; i < kEventsPerCall; ++i)
            fillEvent(
                batch.add_events(), tag + "-" + std::to_string(call) + "-" + std::to_string(i), i, call);
        if (!stream->Write(batch) || !stream->Read(&ack))
            break;
        stored += ack.accepted_count();
    }
    stream->WritesDone();
    const grpc::Status status = stream->Finish();
    if (!status.ok())
        std::fprintf(stderr, "IngestStream: %s\n", status.error_message().c_str());
    return stored;
}

std::string bulkBody(const std::string &tag, int call)
{
    std::string body = "[";
    char item[512];
    for (int i = 0; i < kEventsPerCall; ++i) {
        std::snprintf(item, sizeof item,
            R"(%s{"idempotency_key":"%s-%d-%d","subject":"org_%d","meter":"bench","quantity":%d,)"
            R"("timestamp":"2026-06-08T10:%02d:%02dZ","metadata":{"region":"%s","endpoint":"/orders","status_code":200}})",
            i ? "," : "", tag.c_str(), call, i, i % 1000, 1 + i % 7, i % 60, call % 60, kRegions[i % 3]);
        body += item;
    }
    return body + "]";
}

// HTTP/1.1 keep-alive client: one connection, one request at a time.
long long restBulk(const std::string &address, const std::string &key, int calls, const std::string &tag)
{
    const auto colon = address.rfind(':');
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(std::stoi(address.substr(colon + 1)));
    inet_pton(AF_INET, address.substr(0, colon).c_str(), &server.sin_addr);
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, reinterpret_cast<sockaddr *>(&server), sizeof server) != 0) {
        std::perror("connect");
        return 0;
    }
    long long stored = 0;
    std::string buffer;
    char chunk[65536];
    for (int call = 0; call < calls; ++call) {
        const std::string body = bulkBody(tag, call);
        const std::string request = "POST /v1/usages/bulk HTTP/1.1\r\nHost: " + address
            + "\r\nAuthorization: Bearer " + key + "\r\nContent-Type: application/json\r\nContent-Length: "
            + std::to_string(body.size()) + "\r\n\r\n" + body;
        for (size_t sent = 0; sent < request.size();) {
            const ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
            if (n <= 0)
                return stored;
            sent += size_t(n);
        }
        // Read the headers, then Content-Length bytes of body.
        size_t headerEnd;
        while ((headerEnd = buffer.find("\r\n\r\n")) == std::string::npos) {
            const ssize_t n = recv(fd, chunk, sizeof chunk, 0);
            if (n <= 0)
                return stored;
            buffer.append(chunk, size_t(n));
        }
        const std::string headers = buffer.substr(0, headerEnd);
        const auto lengthAt = headers.find("ontent-Length: ");
        const size_t length = lengthAt == std::string::npos ? 0 : std::stoul(headers.substr(lengthAt + 15));
        while (buffer.size() < headerEnd + 4 + length) {
            const ssize_t n = recv(fd, chunk, sizeof chunk, 0);
            if (n <= 0)
                return stored;
            buffer.append(chunk, size_t(n));
        }
        const std::string response = buffer.substr(headerEnd + 4, length);
        buffer.erase(0, headerEnd + 4 + length);
        if (headers.compare(9, 3, "201") != 0) {
            std::fprintf(stderr, "bulk: %s\n", headers.substr(0, headers.find('\r')).c_str());
            return stored;
        }
        stored += std::stoll(response.substr(std::strlen(R"({"accepted":)")));
    }
    close(fd);
    return stored;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 8) {
        std::fprintf(stderr,
            "usage: %s grpc|ingest|rest <pid> <host:port> <key> <streams> <calls-per-stream> <tag>\n",
            argv[0]);
        return 2;
    }
    const std::string mode = argv[1];
    const int pid = std::atoi(argv[2]);
    const std::string address = argv[3], key = argv[4], tag = argv[7];
    const int streams = std::atoi(argv[5]), calls = std::atoi(argv[6]);

    std::atomic<long long> stored{0};
    std::vector<std::thread> threads;
    const long long cpuBefore = serverCpuUs(pid);
    const auto start = std::chrono::steady_clock::now();
    for (int s = 0; s < streams; ++s)
        threads.emplace_back([&, s] {
            const std::string streamTag = tag + "-s" + std::to_string(s);
            if (mode == "grpc")
                stored += grpcStream(address, key, calls, streamTag);
            else if (mode == "ingest")
                stored += ingestStream(address, key, calls, streamTag);
            else
                stored += restBulk(address, key, calls, streamTag);
        });
    for (std::thread &thread : threads)
        thread.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const long long cpu = serverCpuUs(pid) - cpuBefore;
    std::printf("%lld %.0f %.2f\n", stored.load(), stored / seconds, stored ? double(cpu) / stored : 0.0);
    return stored == (long long)streams * calls * kEventsPerCall ? 0 : 1;
}
