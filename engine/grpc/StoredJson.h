#pragma once

#include <QByteArrayView>

#include <google/protobuf/struct.pb.h>

namespace osc::rpc {

// Decodes stored event metadata (the compact JSON object wire::compactJson wrote: valid, UTF-8,
// Go-style escapes) straight into protobuf Values, without a QJsonDocument tree and QString round trips:
// a StreamUsage or bulk response converts up to 1,000 of these. False on malformed input (the caller
// then falls back to QJsonDocument).
bool storedJsonToProto(
    QByteArrayView json, google::protobuf::Map<std::string, google::protobuf::Value> *fields);

} // namespace osc::rpc
