#pragma once

#include <QtGlobal>

namespace osc::rpc {

// Largest single gRPC message the server accepts; a larger one fails with RESOURCE_EXHAUSTED before
// it is decoded. The same as REST's default body limit (http::kDefaultMaxBodyBytes), so a bulk that
// fits one door fits the other.
constexpr qint64 kMaxMessageBytes = 16 * 1024 * 1024;
// StreamUsage buffers the whole call before ingesting it (upstream semantics); its messages together
// may not exceed this, so 1,000 maximal messages cannot pin 16 GiB.
constexpr qint64 kMaxStreamBytes = 16 * 1024 * 1024;
// Each active call holds one server thread (synchronous gRPC server), at most this many. When none is
// free, gRPC answers a new call RESOURCE_EXHAUSTED at once and leaves further streams waiting in the
// transport without a thread, so a client opening streams and sending nothing cannot exhaust the
// process (tst_grpclimits); REST is unaffected either way.
constexpr int kDefaultMaxServerThreads = 256;
// Keepalive pings on idle connections, so a device that vanished without closing its stream frees
// its thread within about a minute and a half.
constexpr int kKeepaliveTimeMs = 60'000;
constexpr int kKeepaliveTimeoutMs = 20'000;
// How long stop() lets calls in flight finish before cancelling them.
constexpr int kShutdownGraceMs = 2'000;

} // namespace osc::rpc
