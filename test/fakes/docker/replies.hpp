// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_DOCKER_REPLIES_HPP
#define AGENT_BACKENDS_TEST_FAKES_DOCKER_REPLIES_HPP

// Answers as the Docker engine writes them: its header set on every response, JSON error bodies, JSON
// lines streamed with chunked encoding, and the deliberately broken forms the faults send.
#include "fakes/docker/fake_docker_engine.hpp"

#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agent_backends::test::docker_fake {

/// An answer a route computed, written by the request loop.
struct reply
{
    unsigned status{200};
    std::string content_type{"application/json"};
    std::string body{};
    std::vector<std::pair<std::string, std::string>> headers{};
    std::vector<std::string> lines{};  ///< With `streamed`: JSON documents sent one per chunk, `\r\n` ended.
    bool streamed{false};
    bool taken_over{false};  ///< The route wrote the answer itself.
    bool keep_alive{true};
};

reply json_reply(unsigned status, const boost::json::value& body);
reply error_reply(unsigned status, std::string_view message);  ///< `{"message": ...}`
reply empty_reply(unsigned status);
reply stream_reply(std::vector<std::string> lines);

/// A progress-stream failure line: `{"errorDetail":{"message":m},"error":m}`.
std::string error_line(std::string_view message);

/// `Api-Version`, `Docker-Experimental`, `Ostype`, `Server` and `Date` fields, each ending in CRLF.
std::string engine_fields(const fake_docker_options& opts);

/// The whole response; `head_only` for HEAD requests (fields of the body but no body).
std::string serialize(const fake_docker_options& opts, const reply& r, bool head_only, bool close);

/// The status line and fields of a chunked `200` whose chunks follow.
std::string chunked_head(const fake_docker_options& opts, std::string_view content_type);


/// A body that does not parse as JSON (but looks like the start of an answer).
std::string invalid_json_body();

/// Replaces the body (or every streamed line) of `r` by one that is not JSON.
void corrupt(reply& r);

}  // namespace agent_backends::test::docker_fake

#endif
