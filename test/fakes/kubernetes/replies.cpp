// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/kubernetes/replies.hpp"

#include "fakes/common/http_wire.hpp"
#include "fakes/kubernetes/api_state.hpp"
#include "fakes/kubernetes/pod_json.hpp"

#include <boost/json/serialize.hpp>

#include <array>
#include <cstdio>
#include <ctime>

namespace agent_backends::test::kubernetes_fake {
namespace {

// The fields the API server puts on every answer.
std::string server_fields()
{
    return "Audit-Id: " + api_state::random_uid() +
           "\r\nCache-Control: no-cache, private\r\nDate: " + http_date() + "\r\n";
}

}  // namespace

reply json_reply(unsigned status, const boost::json::value& body)
{
    return {.status = status, .body = boost::json::serialize(body) + "\n"};
}

reply status_reply(unsigned status, std::string_view message, std::string_view reason,
                   boost::json::object details)
{
    return json_reply(status, failure_status(status, message, reason, std::move(details)));
}

std::string serialize(const reply& r, bool close)
{
    std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + reason_phrase(r.status) + "\r\n";
    out += server_fields();
    if (!r.content_type.empty())
        out += "Content-Type: " + r.content_type + "\r\n";
    if (close)
        out += "Connection: close\r\n";
    out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n\r\n";
    out += r.body;
    return out;
}

std::string chunked_head(std::string_view content_type, bool close)
{
    return "HTTP/1.1 200 OK\r\n" + server_fields() + "Content-Type: " + std::string(content_type) +
           (close ? "\r\nConnection: close" : "") + "\r\nTransfer-Encoding: chunked\r\n\r\n";
}

std::string invalid_json_body()
{
    return "{\"kind\": \"this is not JSON\n";
}

}  // namespace agent_backends::test::kubernetes_fake
