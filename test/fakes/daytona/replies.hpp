// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_DAYTONA_REPLIES_HPP
#define AGENT_BACKENDS_TEST_FAKES_DAYTONA_REPLIES_HPP

// Answers as Daytona writes them: JSON bodies, the NestJS error body of the control plane and the error
// body of the toolbox, and the deliberately broken forms the faults send.
#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agent_backends::test::daytona_fake {

/// Which service answers: they write their errors differently.
enum class plane
{
    control,  ///< `/api/...` (NestJS).
    toolbox,  ///< `/toolbox/{id}/...` (the sandbox's daemon).
};

/// An answer a route computed, written by the request loop.
struct reply
{
    unsigned status{200};
    std::string content_type{"application/json"};
    std::string body{};
    std::vector<std::pair<std::string, std::string>> headers{};
    bool keep_alive{true};
};

reply json_reply(unsigned status, const boost::json::value& body);
reply empty_reply(unsigned status);

/// The plane's error body for `status` and `message`, naming the request's path and method.
reply error_reply(plane p, unsigned status, std::string_view message, std::string_view path,
                  std::string_view method);

/// The whole response.
std::string serialize(const reply& r, bool close);

/// The status line and fields of a chunked `200` whose chunks follow.
std::string chunked_head(std::string_view content_type);

/// A body that does not parse as JSON (but looks like the start of an answer).
std::string invalid_json_body();

/// `2026-03-01T12:00:00.123Z`.
std::string iso_now();

}  // namespace agent_backends::test::daytona_fake

#endif
